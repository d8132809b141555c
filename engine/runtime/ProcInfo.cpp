// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/ProcInfo.h"

#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::engine::runtime {
namespace {

std::string procPath(pid_t pid, const char *leaf)
{
    return "/proc/" + std::to_string(pid) + "/" + leaf;
}

bool slurp(const std::string &path, std::string &out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

} // namespace

std::optional<ProcStat> readProcStat(pid_t pid)
{
    std::string text;
    if (!slurp(procPath(pid, "stat"), text))
        return std::nullopt;
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so
    // split at the last ')'.
    const auto open = text.find('(');
    const auto close = text.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close < open)
        return std::nullopt;
    ProcStat st;
    st.pid = pid;
    st.comm = text.substr(open + 1, close - open - 1);
    std::istringstream rest(text.substr(close + 2));
    std::vector<std::string> f; // f[0] is field 3 (state)
    for (std::string tok; rest >> tok;)
        f.push_back(tok);
    if (f.size() < 20)
        return std::nullopt;
    st.state = f[0].empty() ? '?' : f[0][0];
    st.ppid = static_cast<pid_t>(std::atol(f[1].c_str()));
    st.ttyNr = std::atoi(f[4].c_str());
    st.utime = std::strtoull(f[11].c_str(), nullptr, 10);
    st.stime = std::strtoull(f[12].c_str(), nullptr, 10);
    st.startTime = std::strtoull(f[19].c_str(), nullptr, 10);
    return st;
}

bool processIsAlive(pid_t pid, std::uint64_t startTime)
{
    if (pid <= 0)
        return false;
    auto st = readProcStat(pid);
    if (!st || st->state == 'Z' || st->state == 'X')
        return false;
    return startTime == 0 || st->startTime == startTime;
}

std::uint64_t namespaceInode(pid_t pid, const char *kind)
{
    struct stat sb{};
    if (::stat(("/proc/" + std::to_string(pid) + "/ns/" + kind).c_str(), &sb) != 0)
        return 0;
    return sb.st_ino;
}

std::vector<pid_t> pidsInPidNamespace(std::uint64_t pidNsInode)
{
    std::vector<pid_t> out;
    if (pidNsInode == 0)
        return out;
    DIR *d = ::opendir("/proc");
    if (!d)
        return out;
    while (dirent *e = ::readdir(d)) {
        char *end = nullptr;
        long pid = std::strtol(e->d_name, &end, 10);
        if (pid <= 0 || *end != '\0')
            continue;
        if (namespaceInode(static_cast<pid_t>(pid), "pid") == pidNsInode)
            out.push_back(static_cast<pid_t>(pid));
    }
    ::closedir(d);
    return out;
}

std::optional<ProcStatus> readProcStatus(pid_t pid)
{
    std::ifstream in(procPath(pid, "status"));
    if (!in)
        return std::nullopt;
    ProcStatus s;
    s.nsPid = pid;
    for (std::string line; std::getline(in, line);) {
        std::istringstream ls(line);
        std::string key;
        ls >> key;
        if (key == "Uid:") {
            ls >> s.uid;
        } else if (key == "NSpid:") {
            for (long v; ls >> v;)
                s.nsPid = static_cast<pid_t>(v);
        }
    }
    return s;
}

std::string readCmdline(pid_t pid)
{
    std::string text;
    slurp(procPath(pid, "cmdline"), text);
    while (!text.empty() && text.back() == '\0')
        text.pop_back();
    for (char &c : text)
        if (c == '\0')
            c = ' ';
    if (text.empty()) {
        auto st = readProcStat(pid);
        return st ? "[" + st->comm + "]" : std::string();
    }
    return text;
}

std::optional<std::uint64_t> ownStatusMask(std::initializer_list<const char *> keys)
{
    char buf[4096];
    const int fd = ::open("/proc/self/status", O_RDONLY | O_CLOEXEC);
    const ssize_t n = fd < 0 ? -1 : ::read(fd, buf, sizeof buf - 1);
    if (fd >= 0)
        ::close(fd);
    if (n <= 0)
        return std::nullopt;
    buf[n] = '\0';
    std::uint64_t mask = 0;
    for (const char *key : keys) {
        const std::size_t len = std::strlen(key);
        const char *at = buf;
        while ((at = std::strstr(at, key)) && !((at == buf || at[-1] == '\n') && at[len] == ':'))
            at += len;
        if (!at)
            return std::nullopt;
        mask |= std::strtoull(at + len + 1, nullptr, 16);
    }
    return mask;
}

} // namespace strata::engine::runtime
