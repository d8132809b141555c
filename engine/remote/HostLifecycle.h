// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The lifecycle verbs against a real host (create, start, stop, kill,
// pause, unpause, restart, rm, wait, commit, exec, pull) through the Engine
// API's own endpoints, taking the same options the CLI gives Strata's engine
// so `strata -H … run` reads like `strata run`. Nothing touches Strata's store.

#include "engine/Engine.h"
#include "engine/registry/Transfer.h"
#include "engine/remote/ApiClient.h"
#include "engine/remote/HijackedConnection.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::engine::remote {

// What `exec` runs (non-tty: the host's output comes back multiplexed).
struct HostExec {
    std::vector<std::string> args;
    std::vector<std::string> env;
    std::string workdir, user;
    bool tty = false, interactive = false; // -t, -i (execInteractive)
    bool detach = false;                   // -d (execDetached): nothing attached
};

class HostLifecycle {
public:
    using OutputSink = std::function<bool(int stream, std::string_view bytes)>; // 1 stdout, 2 stderr

    explicit HostLifecycle(ApiClient &api) : m_api(api) {}

    // POST /containers/create: the full id. NotFound "No such image: REF"
    // when the host lacks the image (the caller pulls and retries, as
    // Docker's CLI does).
    std::string create(const ContainerCreateOptions &o);
    void start(const std::string &ref);
    void stop(const std::string &ref, std::optional<int> timeout);
    void kill(const std::string &ref, const std::string &signal);
    void restart(const std::string &ref, std::optional<int> timeout);
    void pause(const std::string &ref);
    void unpause(const std::string &ref);
    void remove(const std::string &ref, bool force, bool volumes);
    // POST /containers/{id}/wait: the exit code.
    int wait(const std::string &ref);
    // The container's output from its start until it ends (logs, following).
    void follow(const std::string &ref, const OutputSink &sink);
    // POST /commit: the new image's id ("sha256:…").
    Digest commit(const std::string &ref, const CommitOptions &o);
    // POST /containers/{id}/exec + /exec/{id}/start; the command's exit code.
    int exec(const std::string &ref, const HostExec &e, const OutputSink &sink);
    // `exec -d`: POST /containers/{id}/exec with nothing attached, then
    // /exec/{id}/start with Detach: the host runs it in the background.
    void execDetached(const std::string &ref, const HostExec &e);
    // POST /containers/{id}/exec: the exec's id (attached to stdout and
    // stderr, and stdin with -i; nothing with -d).
    std::string createExec(const std::string &ref, const HostExec &e);
    // POST /exec/{id}/start, the connection hijacked (StreamRelay.h).
    std::unique_ptr<HijackedConnection> startExec(const std::string &execId, bool tty);
    // GET /exec/{id}/json: its exit code (nullopt while it runs).
    std::optional<int> execExitCode(const std::string &execId);
    // POST /containers/{id}/attach?stream=1…, the connection hijacked; `stdin`
    // forwards input, `detachKeys` tells the host the sequence too.
    std::unique_ptr<HijackedConnection> attach(const std::string &ref, bool stdinToo, const std::string &detachKeys);
    // POST /containers/{id}/resize or /exec/{id}/resize; false when the host
    // refused (not started yet): the caller tries again later.
    bool resize(const std::string &ref, std::uint16_t rows, std::uint16_t cols);
    bool resizeExec(const std::string &execId, std::uint16_t rows, std::uint16_t cols);
    // POST /images/create, its JSON progress as the registry's messages.
    registry::PullResult pull(const std::string &reference, const registry::ProgressSink &progress);

private:
    // POST with a JSON body (or none); 304 "already in that state" is fine.
    void post(const std::string &path, const std::string &body = {});
    // "No such container: REF" as Strata's store says it, whatever the host's wording.
    template <typename F>
    decltype(auto) onContainer(const std::string &ref, F &&f);

    ApiClient &m_api;
};

// The body of POST /containers/create for `create`/`run`'s options.
[[nodiscard]] nlohmann::json createBody(const ContainerCreateOptions &o);

} // namespace strata::engine::remote
