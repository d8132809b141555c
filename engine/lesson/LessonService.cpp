// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/lesson/LessonService.h"

#include "engine/Error.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

extern char **environ;

namespace strata::engine::lesson {

int freeLoopbackPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    int port = 0;
    if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len) == 0)
        port = ntohs(a.sin_port);
    if (fd >= 0)
        ::close(fd);
    return port;
}

namespace {

bool accepts(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    const bool ok = fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
    if (fd >= 0)
        ::close(fd);
    return ok;
}

std::string tailOf(const std::filesystem::path &log)
{
    std::ifstream in(log);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);)
        lines.push_back(l);
    std::string out;
    for (std::size_t i = lines.size() > 3 ? lines.size() - 3 : 0; i < lines.size(); ++i)
        out += (out.empty() ? "" : " | ") + lines[i];
    return out;
}

} // namespace

bool LessonService::known(const std::string &kind)
{
    return kind == "registry";
}

LessonService::LessonService(const std::string &kind, const std::filesystem::path &dir) : m_kind(kind)
{
    if (!known(kind))
        throw Error(ErrorCode::InvalidArgument, "lesson service \"" + kind + "\": unknown (known: registry)");
    std::filesystem::create_directories(dir / "storage");
    const int port = freeLoopbackPort();
    if (port == 0)
        throw Error(ErrorCode::Internal, "lesson service registry: no free loopback port");
    const auto config = dir / "config.yml";
    {
        std::ofstream out(config, std::ios::trunc);
        out << "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: "
            << (dir / "storage").string() << "\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:" << port << "\n";
    }
    const auto log = dir / "registry.log";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    std::string prog = "docker-registry", serve = "serve", conf = config.string();
    char *argv[] = {prog.data(), serve.data(), conf.data(), nullptr};
    const int rc = ::posix_spawnp(&m_pid, prog.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        m_pid = -1;
        throw Error(ErrorCode::NotFound,
                    "lesson service registry: cannot start docker-registry (install Debian's docker-registry package)");
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!accepts(port)) {
        int status = 0;
        if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            throw Error(ErrorCode::Io, "lesson service registry: docker-registry exited: " + tailOf(log));
        }
        if (std::chrono::steady_clock::now() > deadline)
            throw Error(ErrorCode::Io, "lesson service registry: not listening on 127.0.0.1:" +
                                                 std::to_string(port) + " after 20 s: " + tailOf(log));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    m_address = "127.0.0.1:" + std::to_string(port);
}

LessonService::~LessonService()
{
    if (m_pid <= 0)
        return;
    ::kill(m_pid, SIGTERM);
    for (int i = 0; i < 100; ++i) {
        if (::waitpid(m_pid, nullptr, WNOHANG) == m_pid)
            return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ::kill(m_pid, SIGKILL);
    ::waitpid(m_pid, nullptr, 0);
}

} // namespace strata::engine::lesson
