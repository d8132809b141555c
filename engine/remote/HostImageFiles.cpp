// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/remote/HostImageFiles.h"

#include "engine/Error.h"
#include "engine/image/TarFileReader.h"
#include "engine/remote/RemoteHost.h"
#include "engine/util/Fs.h"
#include "engine/util/UniqueFd.h"

#include <cerrno>
#include <cstring>
#include <csignal>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

namespace strata::engine::remote {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

Digest idDigest(const std::string &text)
{
    const std::string full = text.rfind("sha256:", 0) == 0 ? text : "sha256:" + text;
    if (!Digest::isValid(full))
        throw Error(ErrorCode::Io, "the host's image id is not a sha256 digest: " + text);
    return Digest::parse(full);
}

std::vector<Digest> rootfsLayers(const json &inspect)
{
    std::vector<Digest> out;
    if (inspect.contains("RootFS") && inspect["RootFS"].is_object() && inspect["RootFS"].contains("Layers"))
        for (const auto &l : inspect["RootFS"]["Layers"])
            if (l.is_string() && Digest::isValid(l.get<std::string>()))
                out.push_back(Digest::parse(l.get<std::string>()));
    return out;
}

bool readable(const fs::path &dir)
{
    return ::access(dir.c_str(), R_OK | X_OK) == 0;
}

// Way 2's layer directories, bottom to top; empty when not usable.
std::vector<fs::path> graphDriverDirs(const json &inspect)
{
    if (!inspect.contains("GraphDriver") || !inspect["GraphDriver"].is_object())
        return {};
    const json &g = inspect["GraphDriver"];
    const std::string name = g.value("Name", "");
    if ((name != "overlay" && name != "overlay2") || !g.contains("Data") || !g["Data"].is_object())
        return {};
    const json &data = g["Data"];
    if (!data.contains("UpperDir") || !data["UpperDir"].is_string())
        return {};
    std::vector<fs::path> dirs;
    if (data.contains("LowerDir") && data["LowerDir"].is_string()) {
        std::istringstream lowers(data["LowerDir"].get<std::string>()); // top first
        for (std::string d; std::getline(lowers, d, ':');)
            if (!d.empty())
                dirs.insert(dirs.begin(), d);
    }
    dirs.emplace_back(data["UpperDir"].get<std::string>());
    for (const auto &d : dirs)
        if (!readable(d))
            return {};
    return dirs;
}

// The config of a local host's image without exporting it: podman's libpod
// inspect carries the history; Docker keeps the config file in its imagedb.
std::optional<image::ImageConfig> localConfig(ApiClient &api, const Digest &id, const std::vector<Digest> &diffIds)
{
    if (api.engineName() == "Podman") {
        const json j = api.getJson("/libpod/images/" + id.hex() + "/json");
        if (!j.contains("History") || !j["History"].is_array())
            return std::nullopt;
        image::ImageConfig c;
        c.diffIds = diffIds;
        for (const auto &h : j["History"])
            c.history.push_back(image::HistoryEntry::fromJson(image::Json::parse(h.dump())));
        return c;
    }
    const json info = api.getJson("/info");
    const fs::path file = fs::path(info.value("DockerRootDir", "")) / "image" / info.value("Driver", "") /
                          "imagedb/content/sha256" / id.hex();
    if (::access(file.c_str(), R_OK) != 0)
        return std::nullopt;
    const std::string bytes = fsutil::readFile(file);
    if (Digest::ofBytes(bytes) != id)
        return std::nullopt;
    return image::ImageConfig::parse(bytes, file.string());
}

std::optional<HostImageFiles> fromLocalDirs(ApiClient &api, const json &inspect, const Digest &id,
                                            const std::vector<Digest> &diffIds, std::optional<image::ImageConfig> config)
{
    const auto dirs = graphDriverDirs(inspect);
    if (dirs.empty() || dirs.size() != diffIds.size())
        return std::nullopt;
    if (!config)
        config = localConfig(api, id, diffIds);
    if (!config)
        return std::nullopt;
    HostImageFiles out{id, *config, {}, "graphdriver"};
    for (std::size_t i = 0; i < dirs.size(); ++i) {
        HostLayerDir d;
        d.diffId = diffIds[i];
        d.blob = diffIds[i];
        d.contentBytes = fsutil::treeBytes(dirs[i]);
        d.dir = dirs[i];
        d.whiteouts = layer::WhiteoutFormat::OverlayDevices;
        out.layers.push_back(std::move(d));
    }
    return out;
}

// The host's export as it arrives, through a pipe: a thread copies the HTTP
// body in, the caller reads the tar from readPath(). Whatever happens, the
// destructor closes the pipe (a writer still sending then stops: EPIPE) and
// joins the thread.
class ExportPipe {
public:
    ExportPipe(ApiClient &api, const std::string &path)
    {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            throw Error(ErrorCode::Io, std::string("pipe: ") + std::strerror(errno), errno);
        m_read.reset(fds[0]);
        m_thread = std::thread([this, &api, path, writeFd = fds[1]] {
            sigset_t pipeSignal; // a closed reader is EPIPE here, not a signal to the process
            sigemptyset(&pipeSignal);
            sigaddset(&pipeSignal, SIGPIPE);
            ::pthread_sigmask(SIG_BLOCK, &pipeSignal, nullptr);
            const util::UniqueFd out(writeFd);
            try {
                api.stream(path, [&](std::string_view chunk) {
                    for (std::size_t done = 0; done < chunk.size();) {
                        const ssize_t n = ::write(out.get(), chunk.data() + done, chunk.size() - done);
                        if (n < 0 && errno == EINTR)
                            continue;
                        if (n < 0)
                            return false; // the reader is done (or gave up)
                        done += static_cast<std::size_t>(n);
                    }
                    return true;
                });
            } catch (...) {
                m_failure = std::current_exception();
            }
        });
    }
    ~ExportPipe() { finish(); }
    ExportPipe(const ExportPipe &) = delete;
    ExportPipe &operator=(const ExportPipe &) = delete;

    [[nodiscard]] std::string readPath() const { return "/proc/self/fd/" + std::to_string(m_read.get()); }
    // Stops reading and waits for the writer; rethrows the request's error.
    void finish()
    {
        m_read.reset();
        if (m_thread.joinable())
            m_thread.join();
        if (m_failure)
            std::rethrow_exception(std::exchange(m_failure, nullptr));
    }

private:
    util::UniqueFd m_read;
    std::thread m_thread;
    std::exception_ptr m_failure;
};

bool isArchiveMetadata(const std::string &entry)
{
    return entry == "manifest.json" || entry == "repositories" || entry == "index.json" || entry == "oci-layout" ||
           (entry.size() > 5 && entry.compare(entry.size() - 5, 5, ".json") == 0);
}

// Way 3: the export (docker-save format), read once as it streams in, not
// spooled: podman writes manifest.json last, so the layers are not matched
// to the manifest but by what they hash to (the diff_ids `inspect` gave);
// the config is the entry that hashes to the image id. Each wanted layer
// goes straight into its cache entry (hashed and checked on the way).
HostImageFiles fromExport(ApiClient &api, const Digest &id, const std::vector<Digest> &diffIds, LayerCache &cache)
{
    constexpr std::int64_t kSmallEntry = 256 << 10; // configs and manifests fit; read into memory
    const std::string name = api.errorPrefix() + "export of " + id.str();
    std::vector<Digest> wanted;
    for (const auto &d : diffIds)
        if (!cache.find(d))
            wanted.push_back(d);
    std::optional<std::string> configBytes;
    fsutil::makeDirs(cache.tmpDir()); // where the layers are staged
    ExportPipe pipe(api, "/images/" + id.hex() + "/get");
    try {
        image::TarFileReader reader(pipe.readPath());
        image::ArchiveEntryInfo e;
        while (reader.next(e)) {
            if (e.type != image::ArchiveEntryInfo::Type::File || e.size == 0)
                continue;
            withErrorContext(name + ": " + e.path, [&] {
                if (e.size > kSmallEntry) {
                    if (!isArchiveMetadata(e.path))
                        cache.addIfWanted(wanted, *reader.dataSource());
                    return;
                }
                const std::string bytes = reader.readData(static_cast<std::size_t>(kSmallEntry));
                if (!configBytes && Digest::ofBytes(bytes) == id)
                    configBytes = bytes;
                else if (!isArchiveMetadata(e.path)) {
                    cache.addIfWanted(wanted, *layer::makeStringSource(bytes));
                }
            });
        }
    } catch (...) {
        pipe.finish(); // the request's own error, when there is one, says more
        throw;
    }
    pipe.finish();
    if (!configBytes)
        throw Error(ErrorCode::Io, name + ": the archive does not hold that image's config");
    const auto config = image::ImageConfig::parse(*configBytes, name + ": config");
    cache.putConfig(id, *configBytes);
    HostImageFiles out{id, config, {}, "export"};
    for (const auto &d : config.diffIds) {
        auto layer = cache.find(d);
        if (!layer)
            throw Error(ErrorCode::Io, name + ": layer " + d.str() + " is missing from the archive (or went away meanwhile)");
        out.layers.push_back(std::move(*layer));
    }
    cache.trim(LayerCache::maxBytes(), config.diffIds); // bounded: this image's layers stay
    return out;
}

} // namespace

HostImageFiles hostImageFiles(ApiClient &api, const std::string &ref, LayerCache &cache, bool allowLocalDirs)
{
    const json inspect = api.getJson("/images/" + urlEscape(ref) + "/json");
    const Digest id = idDigest(inspect.value("Id", ""));
    const std::vector<Digest> diffIds = rootfsLayers(inspect);

    std::optional<image::ImageConfig> config;
    if (auto bytes = cache.config(id))
        config = image::ImageConfig::parse(*bytes, "cached config " + id.str());
    if (config && config->diffIds == diffIds) {
        HostImageFiles out{id, *config, {}, "cache"};
        for (const auto &d : diffIds) {
            auto layer = cache.find(d);
            if (!layer)
                break;
            out.layers.push_back(std::move(*layer));
        }
        if (out.layers.size() == diffIds.size())
            return out;
    }
    if (allowLocalDirs && api.host().scheme == HostUrl::Scheme::Unix)
        if (auto local = fromLocalDirs(api, inspect, id, diffIds, config))
            return std::move(*local);
    return fromExport(api, id, diffIds, cache);
}

} // namespace strata::engine::remote
