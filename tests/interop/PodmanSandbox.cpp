// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/interop/PodmanSandbox.h"

#include <cstdlib>
#include <system_error>

namespace strata::test {

PodmanSandbox::PodmanSandbox(std::filesystem::path dir)
{
    const QString base = QString::fromStdString(dir.string());
    char runRoot[] = "/tmp/strata-podrun-XXXXXX";
    if (::mkdtemp(runRoot))
        m_runRoot = runRoot;
    else
        m_runRoot = dir / "run";
    // cgroupfs and file events: no systemd or journald needed on a CI box.
    m_flags = {"--root",
               base + "/root",
               "--runroot",
               QString::fromStdString(m_runRoot.string()),
               "--storage-driver",
               "vfs",
               "--cgroup-manager",
               "cgroupfs",
               "--events-backend",
               "file",
               "--tmpdir",
               base + "/tmp",
               // networks a test creates stay in the sandbox, not /etc/containers/networks
               "--network-config-dir",
               base + "/networks"};
}

PodmanSandbox::~PodmanSandbox()
{
    std::error_code ec;
    std::filesystem::remove_all(m_runRoot, ec);
}

RunResult PodmanSandbox::run(const QStringList &args, int timeoutMs) const
{
    return runProgram(QStringLiteral("podman"), m_flags + args, {}, timeoutMs);
}

nlohmann::json PodmanSandbox::inspect(const QString &image) const
{
    const RunResult r = run({"image", "inspect", image});
    if (r.exitCode != 0)
        return {};
    const auto all = nlohmann::json::parse(r.out, nullptr, false);
    if (!all.is_array() || all.empty())
        return {};
    return all.front();
}

RunResult PodmanSandbox::build(const std::filesystem::path &context, const QString &tag, QString *how) const
{
    const QString ctx = QString::fromStdString(context.string());
    const struct {
        QStringList global, flags;
        const char *name;
    } attempts[] = {
        {{}, {"--network=none"}, "default runtime, --network=none"},
        {{"--runtime", "runc"}, {"--network=none"}, "runc, --network=none"},
        {{}, {"--isolation=chroot", "--network=host"}, "chroot isolation"},
    };
    RunResult last;
    for (const auto &a : attempts) {
        last = runProgram(QStringLiteral("podman"),
                          m_flags + a.global + QStringList{"build", "--no-cache", "-q", "-t", tag} + a.flags + QStringList{ctx},
                          {}, 300000);
        if (last.exitCode == 0) {
            if (how)
                *how = QString::fromLatin1(a.name);
            return last;
        }
    }
    return last;
}

} // namespace strata::test
