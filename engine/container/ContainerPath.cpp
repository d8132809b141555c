// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/ContainerPath.h"

#include "engine/Error.h"

#include <cerrno>
#include <deque>
#include <unistd.h>
#include <vector>

namespace strata::engine::container {
namespace {

constexpr int kMaxLinks = 40; // as the kernel's MAXSYMLINKS

std::deque<std::string> components(const std::string &path)
{
    std::deque<std::string> out;
    std::size_t i = 0;
    while (i <= path.size()) {
        const std::size_t slash = path.find('/', i);
        const std::string part = path.substr(i, slash == std::string::npos ? std::string::npos : slash - i);
        if (!part.empty())
            out.push_back(part);
        if (slash == std::string::npos)
            break;
        i = slash + 1;
    }
    return out;
}

std::string joined(const std::vector<std::string> &parts)
{
    std::string out;
    for (const auto &p : parts)
        out += (out.empty() ? "" : "/") + p;
    return out;
}

std::string readLink(const std::filesystem::path &full)
{
    std::string target(4096, '\0');
    const ssize_t n = ::readlink(full.c_str(), target.data(), target.size());
    if (n < 0)
        throwErrno("readlink " + full.string());
    target.resize(static_cast<std::size_t>(n));
    return target;
}

} // namespace

std::string cleanContainerPath(const std::string &path)
{
    std::vector<std::string> out;
    for (const auto &part : components(path)) {
        if (part == ".")
            continue;
        if (part == "..") {
            if (!out.empty())
                out.pop_back();
            continue;
        }
        out.push_back(part);
    }
    return "/" + joined(out);
}

ResolvedPath resolveContainerPath(const std::filesystem::path &root, const std::string &path, bool followLast)
{
    ResolvedPath r;
    r.trailingSlash = !path.empty() && path.back() == '/';
    r.trailingDot = path == "." || (path.size() >= 2 && path.compare(path.size() - 2, 2, "/.") == 0);
    std::deque<std::string> todo = components(cleanContainerPath(path));
    std::vector<std::string> done;
    int links = 0;
    // Components from a link target: their ".." may not climb above the root.
    std::size_t fromLink = 0;
    std::string lastLink;
    while (!todo.empty()) {
        std::string part = todo.front();
        todo.pop_front();
        const bool linkPart = fromLink > 0;
        if (fromLink > 0)
            --fromLink;
        if (part == ".")
            continue;
        if (part == "..") {
            if (done.empty() && linkPart)
                throw Error(ErrorCode::UnsafePath, "symlink " + lastLink + " escapes the container's root file system");
            if (!done.empty())
                done.pop_back();
            continue;
        }
        done.push_back(part);
        const std::filesystem::path full = root / joined(done);
        struct stat st {};
        if (::lstat(full.c_str(), &st) != 0) {
            if (errno != ENOENT)
                throwErrno("lstat " + joined(done));
            for (auto &rest : todo)
                if (rest != "." && rest != "..")
                    done.push_back(rest);
            r.rel = joined(done);
            return r;
        }
        const bool last = todo.empty();
        if (S_ISLNK(st.st_mode) && (!last || followLast)) {
            if (++links > kMaxLinks)
                throw Error(ErrorCode::UnsafePath, "too many levels of symbolic links in " + path);
            const std::string target = readLink(full);
            lastLink = "/" + joined(done) + " -> " + target;
            done.pop_back();
            if (!target.empty() && target.front() == '/')
                done.clear();
            std::deque<std::string> more = components(target);
            fromLink = more.size() + fromLink;
            todo.insert(todo.begin(), more.begin(), more.end());
            continue;
        }
        if (!last && !S_ISDIR(st.st_mode))
            throw Error(ErrorCode::InvalidArgument, "/" + joined(done) + ": not a directory");
        if (last) {
            r.exists = true;
            r.st = st;
        }
    }
    r.rel = joined(done);
    if (done.empty()) { // the root itself
        r.exists = ::lstat(root.c_str(), &r.st) == 0;
    }
    return r;
}

} // namespace strata::engine::container
