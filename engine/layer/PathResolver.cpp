// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/layer/PathResolver.h"

#include "engine/Error.h"
#include "engine/layer/FsAt.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <vector>

namespace strata::engine::layer {
namespace {

[[noreturn]] void unsafe(const std::string &why)
{
    throw Error(ErrorCode::UnsafePath, why);
}

std::string readLink(int rootFd, const std::string &path)
{
    std::vector<char> buf(256);
    for (;;) {
        const ssize_t n = ::readlinkat(rootFd, path.c_str(), buf.data(), buf.size());
        if (n < 0)
            throwErrno("read symlink \"" + path + "\"");
        if (static_cast<std::size_t>(n) < buf.size())
            return std::string(buf.data(), static_cast<std::size_t>(n));
        buf.resize(buf.size() * 2);
    }
}

} // namespace

std::string normaliseEntryName(std::string_view raw)
{
    // The OCI layer spec and our contract refuse absolute names outright;
    // tar(1) would strip the "/", which hides a broken or hostile producer.
    if (!raw.empty() && raw.front() == '/')
        unsafe("absolute path in a layer");
    std::string out;
    out.reserve(raw.size());
    while (!raw.empty()) {
        const auto slash = raw.find('/');
        const std::string_view part = raw.substr(0, slash);
        raw = slash == std::string_view::npos ? std::string_view() : raw.substr(slash + 1);
        if (part.empty() || part == ".")
            continue;
        if (part == "..")
            unsafe("path escapes the layer root");
        if (!out.empty())
            out += '/';
        out.append(part);
    }
    return out;
}

std::optional<std::string> PathResolver::resolveDir(std::string_view dir, bool create)
{
    if (dir.empty())
        return std::string();
    if (auto it = m_cache.find(std::string(dir)); it != m_cache.end())
        return it->second;
    // Up to the deepest ancestor already resolved, then down one component
    // at a time: a loop, not a recursion, so a deep name costs no stack.
    std::vector<std::string_view> below; // components under that ancestor, deepest first
    std::string real;
    for (std::string_view prefix = dir;;) {
        const auto [parentDir, name] = splitParent(prefix);
        below.push_back(name);
        if (parentDir.empty())
            break;
        if (auto it = m_cache.find(std::string(parentDir)); it != m_cache.end()) {
            real = it->second;
            break;
        }
        prefix = parentDir;
    }
    for (auto name = below.rbegin(); name != below.rend(); ++name) {
        int budget = kMaxSymlinks;
        std::optional<std::string> next = step(real, *name, create, budget);
        if (!next)
            return std::nullopt;
        real = std::move(*next);
        const std::size_t prefixLength = static_cast<std::size_t>(name->data() + name->size() - dir.data());
        m_cache.emplace(std::string(dir.substr(0, prefixLength)), real);
    }
    return real;
}

// One component below the real directory `dir`.
std::optional<std::string> PathResolver::step(const std::string &dir, std::string_view name, bool create, int &budget)
{
    std::string path = joinPath(dir, name);
    struct stat st {};
    if (::fstatat(m_rootFd, path.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno != ENOENT)
            throwErrno("stat \"" + path + "\"");
        if (!create)
            return std::nullopt;
        if (::mkdirat(m_rootFd, path.c_str(), 0755) != 0 && errno != EEXIST)
            throwErrno("create directory \"" + path + "\"");
        return path;
    }
    if (S_ISDIR(st.st_mode))
        return path;
    if (!S_ISLNK(st.st_mode)) {
        // Looking up (whiteouts, hardlink targets): nothing is under a file.
        if (!create)
            return std::nullopt;
        throw Error(ErrorCode::Conflict, "\"" + path + "\" is not a directory");
    }
    if (--budget < 0)
        unsafe("too many levels of symbolic links at \"" + path + "\"");
    return follow(dir, path, create, budget);
}

// Resolves the target of symlink `link` (which lives in the real directory
// `dir`): relative targets from `dir`, absolute ones from the root.
std::optional<std::string> PathResolver::follow(const std::string &dir, const std::string &link, bool create,
                                                int &budget)
{
    const std::string target = readLink(m_rootFd, link);
    std::string current = (!target.empty() && target.front() == '/') ? std::string() : dir;
    std::string_view rest = target;
    while (!rest.empty()) {
        const auto slash = rest.find('/');
        const std::string_view part = rest.substr(0, slash);
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
        if (part.empty() || part == ".")
            continue;
        if (part == "..") {
            // `current` holds only real directories, so ".." is its parent.
            if (current.empty())
                unsafe("symlink \"" + link + "\" leads outside the layer root");
            current = std::string(splitParent(current).first);
            continue;
        }
        std::optional<std::string> next = step(current, part, create, budget);
        if (!next)
            return std::nullopt;
        current = std::move(*next);
    }
    return current;
}

} // namespace strata::engine::layer
