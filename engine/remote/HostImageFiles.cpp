// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/remote/HostImageFiles.h"

#include "engine/Error.h"
#include "engine/image/ArchiveInput.h"
#include "engine/image/DockerArchive.h"
#include "engine/image/TarArchiveView.h"
#include "engine/remote/RemoteHost.h"
#include "engine/util/Fs.h"

#include <cerrno>
#include <cstring>
#include <set>
#include <sstream>

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

// Way 3: the export, spooled (the archive reader reads it in two passes:
// podman writes manifest.json last) and then read like `load` reads it.
HostImageFiles fromExport(ApiClient &api, const Digest &id, LayerCache &cache)
{
    fsutil::makeDirs(cache.tmpDir());
    image::TempFile spool(cache.tmpDir(), "export-");
    int writeErrno = 0; // not thrown from inside curl's callback
    api.stream("/images/" + id.hex() + "/get", [&](std::string_view chunk) {
        for (std::size_t done = 0; done < chunk.size();) {
            const ssize_t n = ::write(spool.fd(), chunk.data() + done, chunk.size() - done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                writeErrno = errno;
                return false;
            }
            done += static_cast<std::size_t>(n);
        }
        return true;
    });
    if (writeErrno)
        throw Error(ErrorCode::Io, "cache " + spool.path().string() + ": " + std::strerror(writeErrno), writeErrno);
    spool.close();
    const std::string name = api.errorPrefix() + "export of " + id.str();
    image::TarArchiveView view(spool.path(), name);
    const auto plans = withErrorContext(name, [&] { return image::planDockerArchive(view); });
    const image::PlannedImage *plan = nullptr;
    for (const auto &p : plans)
        if (p.id == id)
            plan = &p;
    if (!plan)
        throw Error(ErrorCode::Io, name + ": the archive does not hold that image");

    std::map<std::string, Digest> wanted; // archive entry -> diff_id still missing
    for (const auto &l : plan->layers)
        if (!cache.find(l.diffId))
            wanted.emplace(l.entry, l.diffId);
    std::set<std::string> entries;
    for (const auto &[entry, diffId] : wanted)
        entries.insert(entry);
    view.stream(entries, [&](const std::string &entry, layer::ByteSource &data) {
        withErrorContext(name + ": " + entry, [&] { cache.add(wanted.at(entry), data); });
    });
    cache.putConfig(id, plan->configBytes);
    HostImageFiles out{id, plan->config, {}, "export"};
    for (const auto &l : plan->layers) {
        auto layer = cache.find(l.diffId);
        if (!layer)
            throw Error(ErrorCode::Io, "cache " + cache.tmpDir().parent_path().string() + ": layer " +
                                               l.diffId.str() + " went away meanwhile");
        out.layers.push_back(std::move(*layer));
    }
    cache.trim(LayerCache::maxBytes(), plan->config.diffIds); // bounded: this image's layers stay
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
    return fromExport(api, id, cache);
}

} // namespace strata::engine::remote
