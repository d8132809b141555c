// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/SecureJoin.h"

#include "engine/Error.h"
#include "engine/util/RootedOpen.h"

#include <cerrno>
#include <deque>
#include <climits>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace strata::engine::runtime {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxSymlinks = 255;

std::deque<std::string> splitPath(const std::string &path)
{
    std::deque<std::string> out;
    size_t start = 0;
    while (start <= path.size()) {
        size_t slash = path.find('/', start);
        if (slash == std::string::npos)
            slash = path.size();
        if (slash > start)
            out.emplace_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return out;
}

fs::path joinUnder(const fs::path &root, const std::vector<std::string> &parts)
{
    fs::path p = root;
    for (const auto &c : parts)
        p /= c;
    return p;
}

std::string readLink(const fs::path &p)
{
    std::string buf(PATH_MAX, '\0');
    ssize_t n = ::readlink(p.c_str(), buf.data(), buf.size());
    if (n < 0)
        throwErrno("readlink " + p.string());
    buf.resize(static_cast<size_t>(n));
    return buf;
}

// The components of secureJoin's result, relative to the root.
std::vector<std::string> resolveComponents(const fs::path &root, const std::string &unsafePath)
{
    std::deque<std::string> pending = splitPath(unsafePath);
    std::vector<std::string> done;
    int links = 0;
    while (!pending.empty()) {
        std::string comp = std::move(pending.front());
        pending.pop_front();
        if (comp == ".")
            continue;
        if (comp == "..") {
            if (!done.empty())
                done.pop_back();
            continue;
        }
        const fs::path candidate = joinUnder(root, done) / comp;
        struct stat sb{};
        if (::lstat(candidate.c_str(), &sb) != 0 || !S_ISLNK(sb.st_mode)) {
            done.push_back(std::move(comp)); // missing or not a link: taken as written
            continue;
        }
        if (++links > kMaxSymlinks)
            throw Error(ErrorCode::UnsafePath, "too many levels of symbolic links in " + unsafePath, ELOOP);
        const std::string target = readLink(candidate);
        if (!target.empty() && target.front() == '/')
            done.clear();
        auto parts = splitPath(target);
        pending.insert(pending.begin(), parts.begin(), parts.end());
    }
    return done;
}

// Opens one component below dirFd without following a symlink; creates it
// first when it is missing and creation was asked for.
UniqueFd stepInto(int dirFd, const std::string &name, bool last, CreateKind create, const std::string &shown)
{
    const bool wantDir = !last || create == CreateKind::Directory;
    const int flags = O_PATH | O_NOFOLLOW | O_CLOEXEC | (wantDir ? O_DIRECTORY : 0);
    int fd = ::openat(dirFd, name.c_str(), flags);
    if (fd < 0 && errno == ENOENT && create != CreateKind::None) {
        if (wantDir) {
            if (::mkdirat(dirFd, name.c_str(), 0755) != 0 && errno != EEXIST)
                throwErrno("mkdir " + shown);
        } else {
            int f = ::openat(dirFd, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
            if (f < 0 && errno != EEXIST)
                throwErrno("create " + shown);
            if (f >= 0)
                ::close(f);
        }
        fd = ::openat(dirFd, name.c_str(), flags);
    }
    if (fd < 0) {
        if (errno == ELOOP || errno == ENOTDIR)
            throw Error(ErrorCode::UnsafePath, shown + ": not a directory, or a symlink appeared after resolution",
                        errno);
        throwErrno("open " + shown);
    }
    UniqueFd out(fd);
    struct stat sb{};
    if (::fstat(out.get(), &sb) != 0)
        throwErrno("stat " + shown);
    if (S_ISLNK(sb.st_mode))
        throw Error(ErrorCode::UnsafePath, shown + ": a symlink appeared after resolution", ELOOP);
    return out;
}

} // namespace

fs::path secureJoin(const fs::path &root, const std::string &unsafePath)
{
    return joinUnder(root, resolveComponents(root, unsafePath));
}

UniqueFd openInRoot(const fs::path &root, const std::string &unsafePath, CreateKind create)
{
    const std::vector<std::string> parts = resolveComponents(root, unsafePath);
    UniqueFd cur(::open(root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!cur)
        throwErrno("open " + root.string());
    fs::path shown = root;
    for (size_t i = 0; i < parts.size(); ++i) {
        shown /= parts[i];
        cur = stepInto(cur.get(), parts[i], i + 1 == parts.size(), create, shown.string());
    }
    return cur;
}

std::string fdPath(int fd)
{
    return util::fdPath(fd);
}

} // namespace strata::engine::runtime
