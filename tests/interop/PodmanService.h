// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Podman's Docker-compatible API service over a PodmanSandbox's store, on a
// socket of the test's own (`podman system service --time=0 unix://…`, as
// DESIGN.md says), which a test may stop and start again to play a host
// that goes away and comes back. Also what a sandbox needs to hold a small
// image and containers that really start on these machines.

#include "tests/interop/PodmanSandbox.h"

#include <QProcess>
#include <QString>
#include <QStringList>

#include <filesystem>
#include <memory>

namespace strata::test {

class PodmanService {
public:
    PodmanService(const PodmanSandbox &podman, std::filesystem::path socket);
    ~PodmanService();
    PodmanService(const PodmanService &) = delete;
    PodmanService &operator=(const PodmanService &) = delete;

    // Starts the service and waits (up to a minute) for its socket; false
    // with the reason in `why` when it does not come.
    bool start(QString *why = nullptr);
    // Ends it (SIGTERM, then SIGKILL) and removes the socket.
    void stop();
    [[nodiscard]] bool running() const { return m_process.state() == QProcess::Running; }
    // "unix:///…/podman.sock"
    [[nodiscard]] QString url() const;

private:
    const PodmanSandbox &m_podman;
    std::filesystem::path m_socket;
    QProcess m_process;
};

// A busybox root file system (sh, ls, cat, sleep, true, echo, stty) imported as
// `tag` with CMD sleep 300, made under `scratch`. Empty on success, else why not.
[[nodiscard]] QString importBusyboxImage(const PodmanSandbox &podman, const std::filesystem::path &scratch,
                                         const QString &tag);

// For a container that starts on these machines (DESIGN.md's podman notes):
// the global flags before the verb (runc: crun refuses hybrid cgroups) and
// `create`/`run` flags (no network, rlimits pinned to the hard limits: there
// is no CAP_SYS_RESOURCE).
[[nodiscard]] QStringList startableRuntimeFlags();
[[nodiscard]] QStringList startableContainerFlags();
// The same for containers the API service creates: a containers.conf (runc,
// the pinned rlimits) written in `dir`; its path, for CONTAINERS_CONF.
std::filesystem::path writeStartableContainersConf(const std::filesystem::path &dir);

// The host the interactive suites share: a sandboxed podman under dir/podman
// holding busybox as `image`, and its API service on dir/podman.sock whose
// containers start here (CONTAINERS_CONF set for this process). Empty when
// it runs; else why not, with `missingPackage` set when the reason is a
// package the machine lacks (a skip, not a failure).
[[nodiscard]] QString startPodmanHost(const std::filesystem::path &dir, const QString &image,
                                      std::unique_ptr<PodmanSandbox> &podman, std::unique_ptr<PodmanService> &service,
                                      bool *missingPackage);

} // namespace strata::test
