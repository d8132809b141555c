// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/Probe.h"

#include "engine/Error.h"
#include "engine/runtime/Cgroup.h"
#include "engine/runtime/Fd.h"
#include "engine/runtime/Spawn.h"

#include <cstdlib>
#include <fcntl.h>
#include <sched.h>
#include <string>
#include <sys/capability.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace strata::engine::runtime {
namespace {

using nlohmann::json;

// Runs fn in a child process; true when it returned true.
template <typename F>
bool inChild(F fn)
{
    pid_t pid = ::fork();
    if (pid < 0)
        return false;
    if (pid == 0)
        ::_exit(fn() ? 0 : 1);
    const int st = waitChild(pid);
    return st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

bool writeFile(const std::string &path, const std::string &text)
{
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
    return fd && writeAll(fd.get(), text);
}

bool enterUserNamespace()
{
    const uid_t uid = ::geteuid();
    const gid_t gid = ::getegid();
    if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
        return false;
    return writeFile("/proc/self/setgroups", "deny") &&
           writeFile("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") &&
           writeFile("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1");
}

bool overlayWorksInUserNamespace()
{
    char tmpl[] = "/tmp/strata-probe-XXXXXX";
    if (!::mkdtemp(tmpl))
        return false;
    const std::string base = tmpl;
    for (const char *d : {"/lower", "/upper", "/work", "/merged"})
        ::mkdir((base + d).c_str(), 0755);
    const bool ok = inChild([&] {
        if (!enterUserNamespace())
            return false;
        const std::string opts = "lowerdir=" + base + "/lower,upperdir=" + base + "/upper,workdir=" + base + "/work";
        return ::mount("overlay", (base + "/merged").c_str(), "overlay", 0, opts.c_str()) == 0;
    });
    for (const char *d : {"/work/work", "/lower", "/upper", "/work", "/merged", ""})
        ::rmdir((base + d).c_str());
    return ok;
}

bool hasSysAdmin()
{
    cap_t caps = cap_get_proc();
    if (!caps)
        return false;
    cap_flag_value_t v = CAP_CLEAR;
    cap_get_flag(caps, CAP_SYS_ADMIN, CAP_EFFECTIVE, &v);
    cap_free(caps);
    return v == CAP_SET;
}

} // namespace

RuntimeCapabilities probeHost()
{
    RuntimeCapabilities c;
    c.root = ::geteuid() == 0 && hasSysAdmin();
    c.userNamespaces = inChild(enterUserNamespace);
    c.overlayInUserNamespace = c.userNamespaces && overlayWorksInUserNamespace();
    const CgroupRef freezer = findFreezerHierarchy();
    c.freezer = freezer.version;
    c.freezerPath = freezer.path;
    c.mode = c.root ? "root" : c.userNamespaces ? "rootless" : "unsupported";
    c.notes.push_back(c.root ? "running as root with CAP_SYS_ADMIN"
                             : "not root: containers need a user namespace (rootless)");
    c.notes.push_back(c.userNamespaces ? "user namespaces: available"
                                       : "user namespaces: refused by the kernel (unshare CLONE_NEWUSER failed)");
    if (c.userNamespaces)
        c.notes.push_back(c.overlayInUserNamespace ? "overlayfs inside a user namespace: works"
                                                   : "overlayfs inside a user namespace: refused");
    c.notes.push_back(c.freezer ? "pause: cgroup v" + std::to_string(c.freezer) + " freezer at " + c.freezerPath
                                : "pause: no writable cgroup freezer; falls back to SIGSTOP/SIGCONT");
    return c;
}

json capabilitiesToJson(const RuntimeCapabilities &c)
{
    return json{{"mode", c.mode},
                {"root", c.root},
                {"userNamespaces", c.userNamespaces},
                {"overlayInUserNamespace", c.overlayInUserNamespace},
                {"freezer", c.freezer},
                {"freezerPath", c.freezerPath},
                {"notes", c.notes}};
}

RuntimeCapabilities capabilitiesFromJson(const json &j)
{
    RuntimeCapabilities c;
    c.mode = j.value("mode", "unsupported");
    c.root = j.value("root", false);
    c.userNamespaces = j.value("userNamespaces", false);
    c.overlayInUserNamespace = j.value("overlayInUserNamespace", false);
    c.freezer = j.value("freezer", 0);
    c.freezerPath = j.value("freezerPath", "");
    c.notes = j.value("notes", std::vector<std::string>{});
    return c;
}

RuntimeCapabilities capabilities(const fs::path &shimPath)
{
    Pipe out = makePipe();
    SpawnFds fds;
    fds.fds[1] = out.write.get();
    pid_t pid = 0;
    try {
        pid = spawnProgram(shimPath, {"probe"}, fds);
    } catch (const Error &e) {
        RuntimeCapabilities c;
        c.mode = "unsupported";
        c.notes.push_back(std::string("cannot run strata-shim: ") + e.what());
        return c;
    }
    out.write.reset();
    const std::string text = readToEnd(out.read.get());
    (void)waitChild(pid);
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded())
        throw Error(ErrorCode::Internal, "strata-shim probe: unreadable answer");
    return capabilitiesFromJson(j);
}

} // namespace strata::engine::runtime
