// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A podman of our own: every call gets --root/--runroot under a scratch
// directory and the vfs storage driver, so the interop suite never reads or
// writes the host's podman store and works wherever podman runs as root
// (no overlay, no fuse, no network needed).

#include "tests/support/TestSupport.h"

#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <filesystem>

namespace strata::test {

class PodmanSandbox {
public:
    explicit PodmanSandbox(std::filesystem::path dir);
    ~PodmanSandbox();
    PodmanSandbox(const PodmanSandbox &) = delete;
    PodmanSandbox &operator=(const PodmanSandbox &) = delete;

    // `podman <sandbox flags> args...`.
    RunResult run(const QStringList &args, int timeoutMs = 300000) const;

    // The global flags every call gets (for a long-running `system service`).
    [[nodiscard]] const QStringList &flags() const { return m_flags; }

    // `podman image inspect IMAGE`, first element; null json when podman fails.
    [[nodiscard]] nlohmann::json inspect(const QString &image) const;

    // `podman build` of `context` tagged `tag`. RUN steps need a runtime that
    // works on this host: try the default OCI runtime with --network=none,
    // then runc (crun refuses hybrid cgroup hierarchies), then buildah's chroot
    // isolation (no cgroups at all; it requires --network=host, harmless here
    // since the RUN steps use no network). `how` says which one worked; on
    // failure the result of the last attempt is returned.
    RunResult build(const std::filesystem::path &context, const QString &tag, QString *how = nullptr) const;

private:
    // podman refuses a runroot longer than 50 characters, so it gets a short
    // directory of its own under /tmp (removed with the sandbox).
    std::filesystem::path m_runRoot;
    QStringList m_flags;
};

} // namespace strata::test
