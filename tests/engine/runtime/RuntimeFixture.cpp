// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/engine/runtime/RuntimeFixture.h"

#include "engine/Error.h"

#include <QProcess>
#include <QString>
#include <QStringList>

#include <csignal>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/capability.h>
#include <unistd.h>

namespace strata::test::runtime {

fs::path shimPath()
{
    return STRATA_SHIM_PATH;
}

std::string containerSkipReason()
{
    if (::geteuid() != 0)
        return "needs root (containers here run as root; rootless needs the engine's userns set-up)";
    cap_t caps = cap_get_proc();
    cap_flag_value_t v = CAP_CLEAR;
    if (caps) {
        cap_get_flag(caps, CAP_SYS_ADMIN, CAP_EFFECTIVE, &v);
        cap_free(caps);
    }
    if (v != CAP_SET)
        return "needs CAP_SYS_ADMIN";
    if (!fs::exists("/bin/busybox"))
        return "needs /bin/busybox (busybox-static)";
    return {};
}

static void writeText(const fs::path &p, const std::string &text)
{
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
}

void buildBusyboxRootfs(const fs::path &root)
{
    for (const char *d : {"bin", "sbin", "usr/bin", "usr/sbin", "etc", "tmp", "root", "home/app", "mnt"})
        fs::create_directories(root / d);
    fs::permissions(root / "tmp", fs::perms::all | fs::perms::sticky_bit);
    fs::copy_file("/bin/busybox", root / "bin/busybox", fs::copy_options::overwrite_existing);
    QProcess p;
    p.start("/bin/busybox", {"--list-full"});
    p.waitForFinished();
    for (const QString &line : QString::fromUtf8(p.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts)) {
        const fs::path link = root / line.trimmed().toStdString();
        if (fs::exists(fs::symlink_status(link)))
            continue;
        fs::create_directories(link.parent_path());
        fs::create_symlink("/bin/busybox", link);
    }
    writeText(root / "etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"
                                   "app:x:1000:1000:app:/home/app:/bin/sh\n"
                                   "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
    writeText(root / "etc/group", "root:x:0:\nstaff:x:50:app\nvideo:x:44:app,root\napp:x:1000:\nnogroup:x:65534:\n");
    writeText(root / "etc/hostname", "image-hostname\n");
}

rt::RuntimeSpec defaultSpec(const fs::path &rootfs, std::vector<std::string> args)
{
    rt::RuntimeSpec s;
    s.args = std::move(args);
    s.env = {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"};
    s.rootfs = rootfs;
    s.hostname = "c0ffee123456";
    s.capabilities = rt::dockerDefaultCapabilities();
    s.maskedPaths = rt::dockerDefaultMaskedPaths();
    s.readonlyPaths = rt::dockerDefaultReadonlyPaths();
    s.cgroupParent = "strata-test";
    return s;
}

fs::path writeBundle(const fs::path &parent, const std::string &name, const rt::RuntimeSpec &spec)
{
    const fs::path dir = parent / name;
    fs::create_directories(dir);
    rt::RuntimeSpec s = spec;
    if (s.id.empty())
        s.id = name + "-" + std::to_string(::getpid());
    s.save(dir);
    return dir;
}

std::string logText(const fs::path &bundle, const std::string &stream)
{
    std::ifstream in(bundle / "log.json");
    std::string out;
    for (std::string line; std::getline(in, line);) {
        const auto j = nlohmann::json::parse(line);
        if (stream.empty() || j.at("stream") == stream)
            out += j.at("log").get<std::string>();
    }
    return out;
}

size_t logLineCount(const fs::path &bundle)
{
    std::ifstream in(bundle / "log.json");
    size_t n = 0;
    for (std::string line; std::getline(in, line);)
        ++n;
    return n;
}

rt::ShimState runToExit(const fs::path &bundle)
{
    (void)rt::startShim(bundle, shimPath());
    auto st = rt::waitExit(bundle, std::chrono::seconds(30));
    if (!st)
        throw strata::engine::Error(strata::engine::ErrorCode::Internal, "container did not exit in 30 s");
    return *st;
}

void killIfRunning(const fs::path &bundle)
{
    try {
        if (!fs::exists(bundle / "shim-state.json") || rt::readState(bundle).finished())
            return;
        rt::signal(bundle, SIGKILL);
        (void)rt::waitExit(bundle, std::chrono::seconds(10));
    } catch (const strata::engine::Error &) {
        // Already gone.
    }
}

} // namespace strata::test::runtime
