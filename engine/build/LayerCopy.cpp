// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/build/LayerCopy.h"

#include "engine/build/BuildFailed.h"
#include "engine/build/TarUnpack.h"
#include "engine/container/ContainerPath.h"
#include "engine/container/TreeCopy.h"
#include "engine/layer/FsAt.h"
#include "engine/runtime/UserLookup.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::engine::build {
namespace {

namespace stdfs = std::filesystem;
using Owner = std::pair<uid_t, gid_t>;

bool endsInSlash(const std::string &s)
{
    return !s.empty() && s.back() == '/';
}

Owner ownerOf(const LayerCopyRequest &r)
{
    if (r.chown.empty())
        return {0, 0};
    // "--chown=1000" means user 1000 and group 1000, as Docker reads it.
    const std::string spec = r.chown.find(':') == std::string::npos ? r.chown + ":" + r.chown : r.chown;
    const runtime::ResolvedUser u = runtime::resolveUser(spec, r.root / "etc");
    return {u.uid, u.gid};
}

stdfs::path makeDirs(const stdfs::path &root, const std::string &dir, const Owner &owner)
{
    return makeDirsInRoot(root, dir, owner.first, owner.second);
}

void copyEntry(const stdfs::path &src, const stdfs::path &dstDir, const std::string &dstName, const Owner &owner)
{
    layer::UniqueFd from(::open(src.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    layer::UniqueFd to(::open(dstDir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (from.get() < 0 || to.get() < 0)
        throwErrno("open " + (from.get() < 0 ? src.parent_path() : dstDir).string());
    container::TreeCopy copy({owner});
    copy.copy(from.get(), src.filename().string(), to.get(), dstName, dstName);
}

// A directory's (included) contents into `dest`, made if missing.
void copyDirectory(const LayerCopyRequest &r, const ContextSource &s, const std::string &dest, const Owner &owner)
{
    const stdfs::path top = makeDirs(r.root, dest, owner);
    std::vector<std::string> entries;
    if (r.listUnder) {
        entries = r.listUnder(s.rel);
    } else {
        std::error_code ec;
        for (auto it = stdfs::recursive_directory_iterator(s.path, ec); !ec && it != stdfs::recursive_directory_iterator();
             it.increment(ec))
            entries.push_back((s.rel.empty() ? "" : s.rel + "/") + it->path().lexically_relative(s.path).generic_string());
    }
    const std::size_t skip = s.rel.empty() ? 0 : s.rel.size() + 1;
    for (const auto &e : entries) {
        if (e.size() <= skip && e == s.rel)
            continue; // the directory itself
        const std::string sub = e.substr(skip);
        const stdfs::path src = s.path / sub;
        const stdfs::path target = top / sub;
        struct stat st {};
        if (::lstat(src.c_str(), &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            struct stat dst {};
            if (::lstat(target.c_str(), &dst) != 0 && ::mkdir(target.c_str(), st.st_mode & 07777) != 0)
                throwErrno("mkdir " + target.string());
            (void)::chmod(target.c_str(), st.st_mode & 07777);
            (void)::lchown(target.c_str(), owner.first, owner.second);
        } else {
            copyEntry(src, target.parent_path(), target.filename().string(), owner);
        }
    }
}

void copyFile(const LayerCopyRequest &r, const ContextSource &s, const std::string &dest, const Owner &owner)
{
    const container::ResolvedPath at = container::resolveContainerPath(r.root, dest, true);
    std::string target = dest;
    if (endsInSlash(dest) || at.isDir())
        target = (endsInSlash(dest) ? dest : dest + "/") + s.path.filename().string();
    const stdfs::path name = stdfs::path(container::cleanContainerPath(target));
    const stdfs::path dir = makeDirs(r.root, name.parent_path().generic_string(), owner);
    copyEntry(s.path, dir, name.filename().string(), owner);
}

} // namespace

stdfs::path makeDirsInRoot(const stdfs::path &root, const std::string &dir, uid_t uid, gid_t gid)
{
    const container::ResolvedPath resolved = container::resolveContainerPath(root, dir, true);
    stdfs::path at = root;
    for (const auto &part : stdfs::path(resolved.rel)) {
        at /= part;
        struct stat st {};
        if (::lstat(at.c_str(), &st) == 0) {
            if (!S_ISDIR(st.st_mode))
                throw BuildFailed(FailurePhase::Step, "mkdir " + at.lexically_relative(root).string() + ": not a directory");
            continue;
        }
        if (::mkdir(at.c_str(), 0755) != 0 && errno != EEXIST)
            throwErrno("mkdir " + dir);
        (void)::lchown(at.c_str(), uid, gid);
    }
    return at;
}

std::string normaliseDest(const std::string &workdir, const std::string &dest)
{
    if (!dest.empty() && dest.front() == '/')
        return dest;
    std::string out = stdfs::path("/" + workdir + "/" + dest).lexically_normal().generic_string();
    while (out.size() > 1 && out.back() == '/')
        out.pop_back();
    if (endsInSlash(dest) && !endsInSlash(out))
        out += '/';
    return out;
}

void copyIntoLayer(const LayerCopyRequest &r)
{
    const std::string dest = normaliseDest(r.workdir, r.dest);
    if (r.sources.size() > 1 && !endsInSlash(dest))
        throw BuildFailed(FailurePhase::Step, "When using " + r.instruction +
                                                  " with more than one source file, the destination must be a "
                                                  "directory and end with a /");
    const Owner owner = ownerOf(r);
    for (const auto &s : r.sources) {
        if (s.isDir) {
            copyDirectory(r, s, dest, owner);
        } else if (r.extractArchives && isTarArchive(s.path)) {
            unpackTar(s.path, makeDirs(r.root, dest, owner));
        } else {
            copyFile(r, s, dest, owner);
        }
    }
}

} // namespace strata::engine::build
