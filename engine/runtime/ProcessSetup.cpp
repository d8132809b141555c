// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/ProcessSetup.h"

#include "engine/runtime/Capabilities.h"
#include "engine/runtime/CommandLookup.h"
#include "engine/runtime/ProcInfo.h"
#include "engine/runtime/SeccompCache.h"
#include "engine/runtime/StartError.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <linux/close_range.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace strata::engine::runtime {
namespace {

std::vector<char *> cStrings(const std::vector<std::string> &v)
{
    std::vector<char *> out;
    out.reserve(v.size() + 1);
    for (const auto &s : v)
        out.push_back(const_cast<char *>(s.c_str()));
    out.push_back(nullptr);
    return out;
}

} // namespace

void resetSignals()
{
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    // Only the signals that are ignored or caught need a call: three system
    // calls to read the list instead of one per signal (64).
    const std::uint64_t notDefault = ownStatusMask({"SigIgn", "SigCgt"}).value_or(~std::uint64_t(0));
    struct sigaction dfl{};
    dfl.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG && sig <= 64; ++sig) {
        if (sig != SIGKILL && sig != SIGSTOP && (notDefault >> (sig - 1) & 1))
            (void)::sigaction(sig, &dfl, nullptr);
    }
}

std::string dropPrivileges(const ProcessSpec &spec, ResolvedUser &user)
{
    user = resolveUser(spec.user, "/etc");
    dropBoundingSet(spec.capabilities);
    switchUser(user, /*keepCapabilities=*/true);
    const auto skipped = setProcessCapabilities(spec.capabilities);
    if (spec.noNewPrivileges)
        setNoNewPrivileges();
    std::string detail = "uid=" + std::to_string(user.uid) + " gid=" + std::to_string(user.gid) + ", " +
                         std::to_string(spec.capabilities.size() - skipped.size()) + " capabilities kept";
    if (!skipped.empty())
        detail += " (" + std::to_string(skipped.size()) + " not held by the runtime, skipped)";
    if (spec.noNewPrivileges)
        detail += ", no_new_privs";
    return detail;
}

std::vector<std::string> processEnvironment(const std::vector<std::string> &env, const ResolvedUser &user)
{
    std::vector<std::string> out = env;
    if (!findEnv(out, "HOME"))
        out.push_back("HOME=" + user.home);
    return out;
}

std::optional<std::string> seccompFilterOf(const RuntimeSpec &spec, const std::filesystem::path &cacheDir)
{
    if (spec.seccomp.is_null())
        return std::nullopt;
    return seccompProgramFor(spec.seccomp, spec.capabilities, cacheDir);
}

void loadSeccomp(const std::optional<std::string> &program)
{
    if (program)
        security::loadSeccompProgram(*program);
}

void execProcess(const std::string &path, const std::vector<std::string> &args, const std::vector<std::string> &env)
{
    auto argv = cStrings(args);
    auto envp = cStrings(env);
    ::execve(path.c_str(), argv.data(), envp.data());
    const int err = errno;
    const std::string what = "exec: \"" + args.front() + "\": " + std::strerror(err);
    if (err == ENOENT)
        throw StartError(ErrorCode::NotFound, what, kExitNotFound, err);
    throw StartError(err == EACCES ? ErrorCode::PermissionDenied : ErrorCode::Io, what, kExitCannotExecute, err);
}

void closeOtherFds(int keep)
{
    if (keep > 3)
        ::syscall(SYS_close_range, 3u, static_cast<unsigned>(keep - 1), 0u);
    ::syscall(SYS_close_range, static_cast<unsigned>(std::max(keep + 1, 3)), ~0u, 0u);
}

} // namespace strata::engine::runtime
