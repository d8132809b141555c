// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/remote/LayerCache.h"

#include "engine/Error.h"
#include "engine/layer/LayerApplier.h"
#include "engine/util/Fs.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdlib>

#include <stdio.h>
#include <unistd.h>

namespace strata::engine::remote {

namespace fs = std::filesystem;

fs::path LayerCache::defaultRoot()
{
    if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/')
        return fs::path(xdg) / "strata/remote-layers";
    const char *home = std::getenv("HOME");
    return fs::path(home && *home ? home : "/root") / ".cache/strata/remote-layers";
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
    if (!fs::is_directory(entry / "diff", ec))
        return std::nullopt;
    const auto meta = nlohmann::json::parse(fsutil::readFile(entry / "layer.json"), nullptr, false);
    if (!meta.is_object())
        return std::nullopt; // damaged: unpacked again (add() replaces it)
    HostLayerDir d;
    d.diffId = diffId;
    d.blob = Digest::isValid(meta.value("blob", "")) ? Digest::parse(meta.value("blob", "")) : diffId;
    d.contentBytes = meta.value("content_bytes", std::uint64_t{0});
    d.dir = entry / "diff";
    return d;
}

HostLayerDir LayerCache::add(const Digest &diffId, layer::ByteSource &tar)
{
    fsutil::TempDir staging(tmpDir(), "layer-");
    fsutil::makeDirs(staging.path() / "diff");
    layer::ApplyOptions options;
    options.mode = layer::ApplyMode::Diff;
    options.whiteouts = layer::WhiteoutFormat::OciMarkers;
    // As the store does: owners and devices only where we may make them.
    options.preserveOwnership = options.preserveXattrs = options.allowDevices = ::geteuid() == 0;
    const layer::ApplyResult r = layer::applyLayer(tar, staging.path() / "diff", options);
    if (r.diffId != diffId)
        throw Error(ErrorCode::DigestMismatch,
                    "layer content hashes to diff_id " + r.diffId.str() + ", the image config says " + diffId.str());
    const nlohmann::json meta = {{"blob", r.blobDigest.str()}, {"content_bytes", r.contentBytes}};
    fsutil::writeFileAtomic(staging.path() / "layer.json", meta.dump());

    const fs::path entry = m_root / "sha256" / diffId.hex();
    fsutil::makeDirs(entry.parent_path());
    std::error_code ec;
    if (fs::exists(entry / "layer.json", ec) && !find(diffId))
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

} // namespace strata::engine::remote
