// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/SeccompCache.h"

#include "engine/security/SeccompProfile.h"
#include "engine/util/Fs.h"

#include <cstdio>
#include <fcntl.h>
#include <seccomp.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::engine::runtime {
namespace {

// What decides the program: the profile, the capabilities (rules include or
// exclude by them), the architecture and the compiler. A cached file starts
// with this text and a NUL, then the program: a reader compares the whole key,
// so the file's name only needs to spread the keys, not be collision-free.
// (No SHA-256 here: the container's init computes the key, and OpenSSL's
// libcrypto would cost each start about a millisecond to load.)
std::string cacheKey(const nlohmann::json &profile, const std::vector<std::string> &capabilities)
{
    const scmp_version *v = seccomp_version();
    std::string text = "strata-seccomp-2\n" + security::nativeArchName() + "\n" +
                       (v ? std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->micro)
                          : std::string("?")) +
                       "\n";
    for (const auto &c : capabilities)
        text += c + ",";
    text += "\n" + profile.dump();
    return text;
}

std::string fileNameOf(const std::string &key)
{
    char name[32];
    std::snprintf(name, sizeof name, "%016zx.bpf", std::hash<std::string>{}(key));
    return name;
}

// The program after `key` in a cached file's bytes, or empty.
std::string programAfter(const std::string &bytes, const std::string &key)
{
    if (bytes.size() <= key.size() + 1 || bytes.compare(0, key.size(), key) != 0 || bytes[key.size()] != '\0')
        return {};
    return bytes.substr(key.size() + 1);
}

// The cached program, or empty. Refuses anything but a regular file of root's
// (the directory is root's too) of a plausible size.
std::string readCached(const std::filesystem::path &file)
{
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return {};
    std::string out;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid() && st.st_size > 0 &&
        st.st_size < (1 << 20)) {
        out.resize(static_cast<std::size_t>(st.st_size));
        if (::pread(fd, out.data(), out.size(), 0) != static_cast<ssize_t>(out.size()))
            out.clear();
    }
    ::close(fd);
    return out;
}

} // namespace

std::filesystem::path seccompCacheDir()
{
    return "/run/strata/seccomp";
}

std::string seccompProgramFor(const nlohmann::json &profile, const std::vector<std::string> &capabilities,
                              const std::filesystem::path &cacheDir)
{
    const std::string key = cacheDir.empty() ? std::string() : cacheKey(profile, capabilities);
    const std::filesystem::path file = cacheDir.empty() ? std::filesystem::path() : cacheDir / fileNameOf(key);
    if (!file.empty())
        if (std::string cached = programAfter(readCached(file), key); !cached.empty())
            return cached;
    std::string program =
        security::compileSeccompProgram(security::SeccompProfile::fromJson(profile), capabilities);
    if (!file.empty()) {
        try {
            std::error_code ec;
            std::filesystem::create_directories(cacheDir, ec);
            ::chmod(cacheDir.c_str(), 0700);
            std::string bytes = key;
            bytes += '\0';
            bytes += program;
            fsutil::writeFileReplace(file, bytes);
        } catch (const std::exception &) {
            // Not kept (read-only /run, rootless): compiled again next time.
        }
    }
    return program;
}

} // namespace strata::engine::runtime
