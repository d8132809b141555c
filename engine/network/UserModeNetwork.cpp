// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/network/UserModeNetwork.h"

#include "engine/Error.h"
#include "engine/network/Cni.h"
#include "engine/runtime/Spawn.h"
#include "engine/util/Fs.h"
#include "engine/util/UniqueFd.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

namespace strata::engine::network {

namespace {

using util::UniqueFd;

constexpr int kReadyTimeoutMs = 10000;
constexpr int kStopTimeoutMs = 5000;

UniqueFd pidfdOf(pid_t pid)
{
    return UniqueFd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
}

// Polls fd for input until the timeout; true when it became readable.
bool readableWithin(int fd, int timeoutMs)
{
    pollfd p{fd, POLLIN, 0};
    for (;;) {
        const int rc = ::poll(&p, 1, timeoutMs);
        if (rc < 0 && errno == EINTR)
            continue;
        return rc > 0;
    }
}

sockaddr_un socketAddress(const std::filesystem::path &path)
{
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    if (path.string().size() >= sizeof a.sun_path)
        throw Error(ErrorCode::InvalidArgument, "the slirp4netns API socket path " + path.string() + " is longer than " +
                                                    std::to_string(sizeof a.sun_path - 1) +
                                                    " bytes (a unix socket's limit): use a shorter --root");
    std::memcpy(a.sun_path, path.c_str(), path.string().size());
    return a;
}

UniqueFd connectTo(const std::filesystem::path &path)
{
    const sockaddr_un a = socketAddress(path);
    UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd || ::connect(fd.get(), reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0)
        throw Error(ErrorCode::Io, "cannot connect to slirp4netns at " + path.string() + ": " + std::strerror(errno),
                    errno);
    return fd;
}

// One request, one answer (slirp4netns reads until the client shuts its
// side); `server`, when given, gets the pid of the process that answered.
nlohmann::json apiCall(const std::filesystem::path &socket, const nlohmann::json &request, pid_t *server = nullptr)
{
    UniqueFd fd = connectTo(socket);
    const std::string text = request.dump();
    if (::write(fd.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size()))
        throw Error(ErrorCode::Io, "cannot talk to slirp4netns at " + socket.string(), errno);
    ::shutdown(fd.get(), SHUT_WR);
    std::string answer;
    char buf[4096];
    while (readableWithin(fd.get(), kReadyTimeoutMs)) {
        const ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n <= 0)
            break;
        answer.append(buf, static_cast<std::size_t>(n));
    }
    if (server) {
        // slirp4netns runs in a new session through setsid(1): not our child.
        ucred cred{};
        socklen_t len = sizeof cred;
        if (::getsockopt(fd.get(), SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0)
            throw Error(ErrorCode::Io, "cannot ask who serves " + socket.string(), errno);
        *server = cred.pid;
    }
    try {
        return nlohmann::json::parse(answer);
    } catch (const std::exception &) {
        throw Error(ErrorCode::Io, "slirp4netns answered \"" + answer + "\" to " + text);
    }
}

std::string lastLines(const std::filesystem::path &file)
{
    std::string text;
    try {
        text = fsutil::readFile(file);
    } catch (const Error &) {
    }
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    const auto nl = text.rfind('\n');
    return nl == std::string::npos ? text : text.substr(nl + 1);
}

// True while `pid` is the slirp4netns serving `socket` (not a recycled pid).
bool isOurSlirp(pid_t pid, const std::filesystem::path &socket)
{
    std::string cmdline;
    try {
        cmdline = fsutil::readFile("/proc/" + std::to_string(pid) + "/cmdline");
    } catch (const Error &) {
        return false;
    }
    for (auto &c : cmdline)
        if (c == '\0')
            c = ' ';
    return cmdline.find("slirp4netns") != std::string::npos && cmdline.find(socket.string()) != std::string::npos;
}

} // namespace

std::filesystem::path slirp4netnsPath()
{
    const char *env = std::getenv("STRATA_SLIRP4NETNS");
    return env && *env ? env : "/usr/bin/slirp4netns";
}

std::string userModeUnavailable()
{
    if (::access(slirp4netnsPath().c_str(), X_OK) != 0)
        return slirp4netnsPath().string() + " (Debian's slirp4netns) is not installed";
    // Debian makes it 0666; a 0600 one (some sandboxes) keeps slirp4netns from its TAP device.
    if (::access("/dev/net/tun", R_OK | W_OK) != 0)
        return "/dev/net/tun, which slirp4netns opens for its TAP device, is not open to this user (" +
               std::string(std::strerror(errno)) + ")";
    return {};
}

bool hostLoopbackAllowed()
{
    const char *env = std::getenv("STRATA_SLIRP_HOST_LOOPBACK");
    return env && std::string(env) == "1";
}

NetworkModeInfo hostNetworkMode(bool rootless)
{
    if (!rootless) {
        if (::access((cniPluginDir() + "/bridge").c_str(), X_OK) == 0)
            return {"bridge (CNI)", "root: bridge strata0 (the default, as docker0) and one per user network, built by "
                                    "the CNI plugins in " + cniPluginDir()};
        return {"none", "the CNI plugins are missing from " + cniPluginDir() +
                            " (Debian's containernetworking-plugins): containers get loopback only"};
    }
    const std::string unavailable = userModeUnavailable();
    if (unavailable.empty())
        return {"slirp4netns", "rootless: no bridges without root; each container gets user-mode networking from " +
                                   slirp4netnsPath().string() + " (" + kUserModeAddress + "/" +
                                   std::to_string(kUserModePrefixLen) + ", the host is " + kUserModeGateway +
                                   (hostLoopbackAllowed() ? ", its loopback included" : ", but not its loopback") + ")"};
    return {"none", "rootless and " + unavailable + ": containers get loopback only and -p is refused"};
}

UserModeNetwork startSlirp4netns(pid_t containerPid, const std::filesystem::path &apiSocket,
                                 const std::filesystem::path &logFile)
{
    (void)socketAddress(apiSocket); // its length, before anything starts
    std::error_code ec;
    std::filesystem::remove(apiSocket, ec);
    // --exit-fd: a pidfd of the container's PID 1 (as slirp4netns's stdin)
    // turns readable when that process exits, and slirp4netns ends with it.
    UniqueFd exitFd = pidfdOf(containerPid);
    if (!exitFd)
        throw Error(ErrorCode::Io, "pidfd_open of the container's process " + std::to_string(containerPid) + ": " +
                                       std::strerror(errno),
                    errno);
    int ready[2];
    if (::pipe2(ready, O_CLOEXEC) != 0)
        throw Error(ErrorCode::Io, "pipe for slirp4netns", errno);
    UniqueFd readyRead(ready[0]);
    UniqueFd readyWrite(ready[1]);
    runtime::SpawnFds fds;
    fds.fds[0] = exitFd.get();
    fds.fds[3] = readyWrite.get();
    fds.stderrPath = logFile;
    std::vector<std::string> args{"-f", slirp4netnsPath().string(), "--configure", "--mtu=65520"};
    if (!hostLoopbackAllowed())
        args.emplace_back("--disable-host-loopback");
    for (const std::string &a : {std::string("--exit-fd=0"), std::string("--ready-fd=3"), std::string("--api-socket"),
                                 apiSocket.string(), std::to_string(containerPid), std::string(kUserModeInterface)})
        args.push_back(a);
    (void)runtime::waitChild(runtime::spawnProgram("/usr/bin/setsid", args, fds));
    readyWrite.reset();
    char c = 0;
    if (!readableWithin(readyRead.get(), kReadyTimeoutMs) || ::read(readyRead.get(), &c, 1) != 1 || c != '1') {
        const std::string why = lastLines(logFile);
        throw Error(ErrorCode::Io, "slirp4netns could not set up the container's network" +
                                       (why.empty() ? std::string() : ": " + why) + " (see " + logFile.string() + ")");
    }
    pid_t pid = 0;
    (void)apiCall(apiSocket, {{"execute", "list_hostfwd"}}, &pid);
    return {pid, apiSocket};
}

void addHostForward(const std::filesystem::path &apiSocket, const PortBinding &b)
{
    const nlohmann::json request{{"execute", "add_hostfwd"},
                                 {"arguments",
                                  {{"proto", b.proto},
                                   {"host_addr", b.hostIp.empty() ? "0.0.0.0" : b.hostIp},
                                   {"host_port", std::stoi(b.hostPort)},
                                   {"guest_addr", kUserModeAddress},
                                   {"guest_port", b.containerPort}}}};
    const nlohmann::json answer = apiCall(apiSocket, request);
    if (!answer.contains("return")) {
        const std::string desc = answer.contains("error") ? answer["error"].value("desc", answer.dump()) : answer.dump();
        throw Error(ErrorCode::Conflict, "Error starting userland proxy: slirp4netns cannot listen on " +
                                             (b.hostIp.empty() ? std::string("0.0.0.0") : b.hostIp) + ":" +
                                             b.hostPort + "/" + b.proto + ": " + desc);
    }
}

void stopSlirp4netns(const UserModeNetwork &n)
{
    if (n.pid > 0 && isOurSlirp(n.pid, n.apiSocket)) {
        UniqueFd pidfd = pidfdOf(n.pid);
        ::kill(n.pid, SIGTERM);
        if (pidfd && !readableWithin(pidfd.get(), kStopTimeoutMs)) {
            ::kill(n.pid, SIGKILL);
            (void)readableWithin(pidfd.get(), kStopTimeoutMs);
        }
    }
    std::error_code ec;
    if (!n.apiSocket.empty())
        std::filesystem::remove(n.apiSocket, ec);
}

} // namespace strata::engine::network
