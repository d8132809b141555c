// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A real Docker or Podman engine seen through its Engine API, mapped into
// the engine's own summaries so the CLI prints a host exactly as it prints
// Strata's store. Read-only: nothing here touches Strata's store.

#include "engine/Engine.h"
#include "engine/fs/UnionView.h"
#include "engine/remote/ApiClient.h"
#include "engine/remote/HostLifecycle.h"

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::engine::remote {

struct HostImageFiles;

class RemoteHost {
public:
    explicit RemoteHost(HostUrl url) : m_api(std::move(url)) {}

    [[nodiscard]] ApiClient &api() { return m_api; }
    // create/start/stop/…/commit/exec/pull on this host (HostLifecycle.h).
    [[nodiscard]] HostLifecycle lifecycle() { return HostLifecycle(m_api); }

    [[nodiscard]] std::vector<ImageSummary> images(bool all);
    [[nodiscard]] std::vector<ContainerSummary> containers(bool all);
    [[nodiscard]] std::vector<HistoryRow> history(const std::string &ref);
    [[nodiscard]] std::vector<VolumeSummary> volumes();
    // /networks as is (Strata's own engine has no networks to map onto).
    [[nodiscard]] nlohmann::json networks();
    // The host's own inspect JSON, key order kept.
    [[nodiscard]] image::Json inspectImage(const std::string &ref);
    [[nodiscard]] image::Json inspectContainer(const std::string &ref);
    [[nodiscard]] image::Json inspectVolume(const std::string &name);
    [[nodiscard]] image::Json inspectNetwork(const std::string &name);

    // /events: one JSON object per message, as it arrives, until `onEvent`
    // returns false or the host ends the stream (with `until`).
    void events(const std::string &since, const std::string &until,
                const std::function<bool(const nlohmann::json &)> &onEvent);
    // /containers/{id}/logs, demultiplexed: `onChunk(stream, bytes)` with
    // stream 1 = stdout, 2 = stderr.
    void logs(const std::string &ref, bool follow, const std::string &tail, bool timestamps,
              const std::function<bool(int, std::string_view)> &onChunk);
    // /containers/{id}/top: the titles row, then one row per process.
    [[nodiscard]] std::vector<std::vector<std::string>> top(const std::string &ref);
    // An image's layers and merged tree, as Engine::imageLayers/imageTree
    // give them for Strata's own images. The files come from the layer cache,
    // the host's own overlay directories (local host) or an export of the
    // image unpacked into the cache (HostImageFiles.h).
    [[nodiscard]] std::vector<LayerView> imageLayers(const std::string &ref);
    // `contents`: every entry's source file exists (sha256 in `tree --json`,
    // the app's explorer); else cached layers are read from their tars'
    // headers alone, which is what makes a first `image tree` cheap.
    [[nodiscard]] fs::UnionView imageTree(const std::string &ref, bool contents = false);
    // Where the last imageLayers/imageTree found the files: "cache",
    // "graphdriver" or "export" (`--debug` says it; tests and benchmarks).
    [[nodiscard]] const char *layerSource() const { return m_layerSource; }
    // Where layers are cached (default: LayerCache::defaultRoot()).
    void setLayerCacheRoot(std::filesystem::path root) { m_cacheRoot = std::move(root); }

    // /containers/{id}/changes as `diff` prints them: "C /etc", "A /x", "D /y".
    [[nodiscard]] std::vector<std::string> changes(const std::string &ref);

private:
    [[nodiscard]] HostImageFiles imageFiles(const std::string &ref, bool contents);

    ApiClient m_api;
    std::filesystem::path m_cacheRoot;
    const char *m_layerSource = "";
};

// RemoteHost::logs for any client (the lifecycle verbs follow a run's output).
void streamLogs(ApiClient &api, const std::string &ref, bool follow, const std::string &tail, bool timestamps,
                const std::function<bool(int, std::string_view)> &onChunk);

// Percent-encodes a name for a URL path or query ("localhost/bb:1").
[[nodiscard]] std::string urlEscape(const std::string &text);

} // namespace strata::engine::remote
