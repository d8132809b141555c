// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/remote/LayerCache.h"

#include "engine/Error.h"
#include "engine/fs/TarLayerEntries.h"
#include "engine/layer/LayerApplier.h"
#include "engine/layer/LayerInput.h"
#include "engine/util/Fs.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::engine::remote {

namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kDefaultMaxBytes = 10ull << 30;

void writeAll(int fd, const void *data, std::size_t size, const fs::path &file)
{
    const char *p = static_cast<const char *>(data);
    while (size > 0) {
        const ssize_t n = ::write(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throw Error(ErrorCode::Io, "cache " + file.string() + ": " + std::strerror(errno), errno);
        p += n;
        size -= static_cast<std::size_t>(n);
    }
}

std::uint64_t fileBytes(const fs::path &file)
{
    struct stat st {};
    return ::stat(file.c_str(), &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
}

// One layer entry's footprint, cheaply: its tar, plus its files once unpacked
// (their content bytes, from layer.json; an entry from before tars were kept
// is measured).
std::uint64_t entryBytes(const fs::path &entry)
{
    std::error_code ec;
    std::uint64_t bytes = fileBytes(entry / "layer.tar");
    if (fs::is_directory(entry / "diff", ec)) {
        const auto meta = nlohmann::json::parse(fsutil::readFile(entry / "layer.json"), nullptr, false);
        bytes += meta.is_object() && meta.contains("content_bytes") ? meta.value("content_bytes", std::uint64_t{0})
                                                                     : fsutil::treeBytes(entry / "diff");
    }
    return bytes;
}

struct Entry {
    fs::path path;
    std::int64_t used = 0; // mtime, nanoseconds
    std::uint64_t bytes = 0;
};

std::vector<Entry> entriesUnder(const fs::path &layers)
{
    std::vector<Entry> out;
    std::error_code ec;
    if (!fs::is_directory(layers, ec))
        return out;
    for (const auto &d : fs::directory_iterator(layers, ec)) {
        struct stat st {};
        if (::lstat(d.path().c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
            continue;
        out.push_back({d.path(), st.st_mtim.tv_sec * 1'000'000'000ll + st.st_mtim.tv_nsec, entryBytes(d.path())});
    }
    return out;
}

} // namespace

bool HostLayerDir::unpacked() const
{
    std::error_code ec;
    return tar.empty() || fs::is_directory(dir, ec);
}

fs::path LayerCache::defaultRoot()
{
    if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/')
        return fs::path(xdg) / "strata/remote-layers";
    const char *home = std::getenv("HOME");
    return fs::path(home && *home ? home : "/root") / ".cache/strata/remote-layers";
}

std::uint64_t LayerCache::maxBytes()
{
    const char *text = std::getenv("STRATA_HOST_CACHE_MAX");
    if (!text || !*text)
        return kDefaultMaxBytes;
    const std::string_view s(text);
    std::uint64_t parsed = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), parsed);
    if (ec != std::errc() || end != s.data() + s.size())
        throw Error(ErrorCode::InvalidArgument,
                    "STRATA_HOST_CACHE_MAX=\"" + std::string(s) + "\": expected a number of bytes");
    return parsed;
}

LayerCache::LayerCache(fs::path root) : m_root(std::move(root)) {}

fs::path LayerCache::tmpDir() const
{
    return m_root / "tmp";
}

std::optional<HostLayerDir> LayerCache::find(const Digest &diffId) const
{
    const fs::path entry = m_root / "sha256" / diffId.hex();
    std::error_code ec;
    const bool hasTar = fs::exists(entry / "layer.tar", ec), hasDir = fs::is_directory(entry / "diff", ec);
    if (!hasTar && !hasDir)
        return std::nullopt;
    const auto meta = nlohmann::json::parse(fsutil::readFile(entry / "layer.json"), nullptr, false);
    if (!meta.is_object())
        return std::nullopt; // damaged: made again (add() replaces it)
    ::utimensat(AT_FDCWD, entry.c_str(), nullptr, 0); // used now: the last to go when trimming
    HostLayerDir d;
    d.diffId = diffId;
    d.blob = Digest::isValid(meta.value("blob", "")) ? Digest::parse(meta.value("blob", "")) : diffId;
    d.contentBytes = meta.value("content_bytes", std::uint64_t{0});
    d.dir = entry / "diff";
    if (hasTar)
        d.tar = entry / "layer.tar";
    return d;
}

// A layer tar written under tmp/, hashed on the way, not yet in place.
struct LayerCache::Staged {
    fsutil::TempDir dir;
    Digest diffId, blob;
};

LayerCache::Staged LayerCache::stage(layer::ByteSource &tar)
{
    fsutil::makeDirs(tmpDir());
    Staged staged{fsutil::TempDir(tmpDir(), "layer-"), {}, {}};
    const fs::path file = staged.dir.path() / "layer.tar";
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        throw Error(ErrorCode::Io, "cache " + file.string() + ": " + std::strerror(errno), errno);
    try {
        layer::LayerInput input(tar); // decompresses (an export's layers seldom are) and hashes
        for (auto chunk = input.next(); chunk.size > 0; chunk = input.next())
            writeAll(fd, chunk.data, chunk.size, file);
        input.drain();
        staged.diffId = input.diffId();
        staged.blob = input.blobDigest();
    } catch (...) {
        ::close(fd);
        throw;
    }
    if (::close(fd) != 0)
        throw Error(ErrorCode::Io, "cache " + file.string() + ": " + std::strerror(errno), errno);
    return staged;
}

HostLayerDir LayerCache::add(const Digest &diffId, layer::ByteSource &tar)
{
    Staged staged = stage(tar);
    if (staged.diffId != diffId)
        throw Error(ErrorCode::DigestMismatch, "layer content hashes to diff_id " + staged.diffId.str() +
                                                       ", the image config says " + diffId.str());
    return keep(staged);
}

std::optional<HostLayerDir> LayerCache::addIfWanted(const std::vector<Digest> &wanted, layer::ByteSource &tar)
{
    Staged staged = stage(tar);
    if (std::find(wanted.begin(), wanted.end(), staged.diffId) == wanted.end())
        return std::nullopt; // the staging directory goes
    return keep(staged);
}

HostLayerDir LayerCache::keep(Staged &staged)
{
    const Digest diffId = staged.diffId;
    fsutil::TempDir &staging = staged.dir;
    const nlohmann::json meta = {
        {"blob", staged.blob.str()},
        {"content_bytes", engine::fs::contentBytesOf(engine::fs::readTarLayerEntries(staging.path() / "layer.tar"))}};
    fsutil::writeFileAtomic(staging.path() / "layer.json", meta.dump());

    const fs::path entry = m_root / "sha256" / diffId.hex();
    fsutil::makeDirs(entry.parent_path());
    std::error_code ec;
    if (fs::exists(entry, ec) && !find(diffId))
        fsutil::removeTree(entry); // a damaged entry
    if (::rename(staging.path().c_str(), entry.c_str()) == 0)
        staging.release();
    else if (errno != EEXIST && errno != ENOTEMPTY)
        throw Error(ErrorCode::Io, "cache " + entry.string() + ": " + std::strerror(errno), errno);
    // else another process put the same layer in place first: ours goes.
    if (auto d = find(diffId))
        return *d;
    throw Error(ErrorCode::Io, "cache " + entry.string() + ": the layer did not stay in place");
}

HostLayerDir LayerCache::unpack(const HostLayerDir &layer)
{
    if (layer.unpacked())
        return layer;
    fsutil::makeDirs(tmpDir());
    fsutil::TempDir staging(tmpDir(), "unpack-");
    fsutil::makeDirs(staging.path() / "diff");
    layer::ApplyOptions options;
    options.mode = layer::ApplyMode::Diff;
    options.whiteouts = layer::WhiteoutFormat::OciMarkers;
    // As the store does: owners and devices only where we may make them.
    options.preserveOwnership = options.preserveXattrs = options.allowDevices = ::geteuid() == 0;
    auto source = layer::openFileSource(layer.tar);
    const layer::ApplyResult r = layer::applyLayer(*source, staging.path() / "diff", options);
    if (r.diffId != layer.diffId)
        throw Error(ErrorCode::DigestMismatch, "cache " + layer.tar.string() + ": hashes to diff_id " +
                                                       r.diffId.str() + ", not " + layer.diffId.str());
    if (::rename((staging.path() / "diff").c_str(), layer.dir.c_str()) != 0 && errno != EEXIST && errno != ENOTEMPTY)
        throw Error(ErrorCode::Io, "cache " + layer.dir.string() + ": " + std::strerror(errno), errno);
    return layer; // dir now exists (ours, or another process's first)
}

std::optional<std::string> LayerCache::config(const Digest &imageId) const
{
    const fs::path file = m_root / "configs" / (imageId.hex() + ".json");
    std::error_code ec;
    if (!fs::exists(file, ec))
        return std::nullopt;
    std::string bytes = fsutil::readFile(file);
    if (Digest::ofBytes(bytes) != imageId)
        return std::nullopt;
    return bytes;
}

void LayerCache::putConfig(const Digest &imageId, const std::string &bytes)
{
    fsutil::makeDirs(m_root / "configs");
    fsutil::writeFileAtomic(m_root / "configs" / (imageId.hex() + ".json"), bytes, tmpDir());
}

LayerCacheUsage LayerCache::usage() const
{
    LayerCacheUsage u;
    for (const auto &e : entriesUnder(m_root / "sha256")) {
        ++u.layers;
        u.bytes += e.bytes;
    }
    std::error_code ec;
    if (fs::is_directory(m_root / "configs", ec))
        for (const auto &c : fs::directory_iterator(m_root / "configs", ec)) {
            ++u.configs;
            u.bytes += fileBytes(c.path());
        }
    return u;
}

std::uint64_t LayerCache::trim(std::uint64_t limit, const std::vector<Digest> &keep)
{
    std::vector<Entry> entries = entriesUnder(m_root / "sha256");
    std::uint64_t total = 0;
    for (const auto &e : entries)
        total += e.bytes;
    if (total <= limit)
        return 0;
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.used < b.used; });
    std::uint64_t freed = 0;
    for (const auto &e : entries) {
        if (total - freed <= limit)
            break;
        if (std::any_of(keep.begin(), keep.end(), [&](const Digest &d) { return d.hex() == e.path.filename(); }))
            continue;
        // Out of the way first (a reader then sees no entry, never half of one).
        const fs::path doomed = tmpDir() / ("gone-" + e.path.filename().string());
        if (::rename(e.path.c_str(), doomed.c_str()) != 0)
            continue;
        fsutil::removeTree(doomed);
        freed += e.bytes;
    }
    return freed;
}

std::uint64_t LayerCache::clear()
{
    const std::uint64_t bytes = usage().bytes;
    for (const char *part : {"sha256", "configs", "tmp"}) {
        std::error_code ec;
        if (fs::exists(m_root / part, ec))
            fsutil::removeTree(m_root / part);
    }
    return bytes;
}

} // namespace strata::engine::remote
