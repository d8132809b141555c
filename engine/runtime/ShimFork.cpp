// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/ShimFork.h"

#include "engine/Error.h"
#include "engine/runtime/ProcessSetup.h"
#include "engine/runtime/StartError.h"
#include "engine/util/DetachedRemoval.h"

#include <csignal>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace strata::engine::runtime {
namespace {

// The fds and signals strata-shim would get from spawnProgram (Spawn.cpp),
// and the attach client from birth (ShimOptions::attachFd) as fd 4.
void becomeShimProcess(const std::string &logPath, int channelFd, int attachFd)
{
    const int channel = ::fcntl(channelFd, F_DUPFD_CLOEXEC, 10); // out of the way of 0..4
    const int attach = attachFd < 0 ? -1 : ::fcntl(attachFd, F_DUPFD_CLOEXEC, 10);
    const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    const int log = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (channel < 0 || devNull < 0 || log < 0 || ::dup2(devNull, 0) < 0 || ::dup2(devNull, 1) < 0 ||
        ::dup2(log, 2) < 0 || ::dup2(channel, 3) < 0 || (attachFd >= 0 && (attach < 0 || ::dup2(attach, 4) < 0)))
        ::_exit(kExitRuntimeFailure);
    ::syscall(SYS_close_range, attachFd >= 0 ? 5u : 4u, ~0u, 0u); // all but 0..3 (and 4)
    resetSignals();
}

} // namespace

bool canForkShim()
{
    return fsutil::singleThreaded();
}

pid_t forkShim(const ShimOptions &options, int channelFd)
{
    const std::string logPath = (options.bundle / "shim.log").string();
    ShimOptions inShim = options;
    inShim.startFd = 3;
    inShim.attachFd = options.attachFd < 0 ? -1 : 4;
    const pid_t first = ::fork();
    if (first < 0)
        throwErrno("fork the shim");
    if (first > 0)
        return first;
    // The first child: the shim's own session, then the shim itself, whose
    // parent exits at once so it is reparented (to init or a subreaper).
    becomeShimProcess(logPath, channelFd, options.attachFd);
    if (::setsid() < 0)
        ::_exit(1);
    const pid_t second = ::fork();
    if (second != 0)
        ::_exit(second > 0 ? 0 : 1);
    // _exit: the caller's atexit handlers and stream buffers are not the shim's.
    ::_exit(runShimProcess(inShim));
}

} // namespace strata::engine::runtime
