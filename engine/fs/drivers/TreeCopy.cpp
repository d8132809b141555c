// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/drivers/TreeCopy.h"

#include "engine/Error.h"
#include "engine/fs/drivers/FileCopy.h"
#include "engine/layer/FsAt.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace strata::engine::fs::drivers {
namespace {

constexpr std::uint64_t kTarBlock = 512;

std::string child(const std::string &label, const std::string &name)
{
    return label.empty() || label.back() == '/' ? label + name : label + "/" + name;
}

// O_NOFOLLOW opens: a symlink where a directory should be fails with ELOOP.
layer::UniqueFd openDirAt(int dir, const std::string &name, const std::string &label)
{
    const int fd = ::openat(dir, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ELOOP || errno == ENOTDIR)
            throw Error(ErrorCode::UnsafePath, label + ": not a directory (a symlink or file took its place)");
        throwErrno("open " + label);
    }
    return layer::UniqueFd(fd);
}

// What is at dir/name now, without following a link; nullopt when nothing.
std::optional<struct stat> statAt(int dir, const std::string &name, const std::string &label)
{
    struct stat st {};
    if (::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0)
        return st;
    if (errno == ENOENT)
        return std::nullopt;
    throwErrno("stat " + label);
}

// Refuses to put a non-directory over a directory; removes anything else in the way.
void clearForNonDirectory(int dstDir, const std::string &dstName, const std::string &label)
{
    const auto existing = statAt(dstDir, dstName, dstName);
    if (existing && S_ISDIR(existing->st_mode))
        throw Error(ErrorCode::Conflict, "cannot overwrite directory " + dstName + " with non-directory " + label);
    if (existing && ::unlinkat(dstDir, dstName.c_str(), 0) != 0)
        throwErrno("replace " + dstName);
}

} // namespace

mode_t TreeCopy::modeMask() const
{
    return m_options.hostSafe ? 01777 : 07777;
}

void TreeCopy::count(const struct stat &st, const std::string &name)
{
    ++m_stats.entries;
    m_stats.tarBytes += kTarBlock + (name.size() > 100 ? 2 * kTarBlock : 0); // long names take a PAX header
    if (S_ISREG(st.st_mode)) {
        m_stats.fileBytes += static_cast<std::uint64_t>(st.st_size);
        m_stats.tarBytes += (static_cast<std::uint64_t>(st.st_size) + kTarBlock - 1) / kTarBlock * kTarBlock;
    }
}

void TreeCopy::copy(int srcDir, const std::string &srcName, int dstDir, const std::string &dstName,
                    const std::string &label)
{
    const auto st = statAt(srcDir, srcName, label);
    if (!st)
        throw Error(ErrorCode::NotFound, label + ": no such file or directory");
    if (S_ISSOCK(st->st_mode))
        return; // tar has no sockets; docker cp leaves them out
    if (m_options.hostSafe && (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode)))
        return; // never a device node on the host
    count(*st, label);
    if (S_ISDIR(st->st_mode))
        copyDirectory(srcDir, srcName, *st, dstDir, dstName, label);
    else if (S_ISREG(st->st_mode))
        copyFile(srcDir, srcName, *st, dstDir, dstName, label);
    else
        copySpecial(srcDir, srcName, *st, dstDir, dstName, label);
}

void TreeCopy::copyContents(int srcDir, const std::string &srcName, int dstDirFd, const std::string &label)
{
    const layer::UniqueFd src = openDirAt(srcDir, srcName, label);
    for (const auto &name : layer::listDir(src.get(), label))
        copy(src.get(), name, dstDirFd, name, child(label, name));
}

void TreeCopy::copyDirectory(int srcDir, const std::string &srcName, const struct stat &st, int dstDir,
                             const std::string &dstName, const std::string &label)
{
    const auto existing = statAt(dstDir, dstName, dstName);
    if (existing && !S_ISDIR(existing->st_mode)) {
        if (::unlinkat(dstDir, dstName.c_str(), 0) != 0)
            throwErrno("replace " + dstName);
    }
    if ((!existing || !S_ISDIR(existing->st_mode)) && ::mkdirat(dstDir, dstName.c_str(), 0700) != 0)
        throwErrno("mkdir " + dstName);
    {
        const layer::UniqueFd dst = openDirAt(dstDir, dstName, dstName);
        copyContents(srcDir, srcName, dst.get(), label);
        if (::fchmod(dst.get(), st.st_mode & modeMask()) != 0)
            throwErrno("chmod " + dstName);
    }
    setOwnerAndTimes(dstDir, dstName, st, label);
}

void TreeCopy::copyFile(int srcDir, const std::string &srcName, const struct stat &st, int dstDir,
                        const std::string &dstName, const std::string &label)
{
    clearForNonDirectory(dstDir, dstName, label);
    const layer::UniqueFd in(::openat(srcDir, srcName.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (!in.valid())
        throwErrno("open " + label);
    const layer::UniqueFd out(
        ::openat(dstDir, dstName.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!out.valid())
        throwErrno("create " + dstName);
    copyFdData(in.get(), out.get(), dstName);
    if (::fchmod(out.get(), st.st_mode & modeMask()) != 0)
        throwErrno("chmod " + dstName);
    setOwnerAndTimes(dstDir, dstName, st, label);
}

void TreeCopy::copySpecial(int srcDir, const std::string &srcName, const struct stat &st, int dstDir,
                           const std::string &dstName, const std::string &label)
{
    clearForNonDirectory(dstDir, dstName, label);
    if (S_ISLNK(st.st_mode)) {
        std::string target(4096, '\0');
        const ssize_t n = ::readlinkat(srcDir, srcName.c_str(), target.data(), target.size());
        if (n < 0)
            throwErrno("readlink " + label);
        target.resize(static_cast<std::size_t>(n));
        if (::symlinkat(target.c_str(), dstDir, dstName.c_str()) != 0)
            throwErrno("symlink " + dstName);
    } else if (::mknodat(dstDir, dstName.c_str(), st.st_mode, st.st_rdev) != 0) {
        if (errno == EPERM)
            return; // devices need privilege; tar extraction skips them likewise
        throwErrno("mknod " + dstName);
    }
    setOwnerAndTimes(dstDir, dstName, st, label);
}

void TreeCopy::setOwnerAndTimes(int dstDir, const std::string &dstName, const struct stat &st, const std::string &label)
{
    const uid_t uid = m_options.owner ? m_options.owner->first : st.st_uid;
    const gid_t gid = m_options.owner ? m_options.owner->second : st.st_gid;
    if (::fchownat(dstDir, dstName.c_str(), uid, gid, AT_SYMLINK_NOFOLLOW) != 0 && errno != EPERM)
        throwErrno("chown " + label);
    if (!S_ISLNK(st.st_mode) && (st.st_mode & (S_ISUID | S_ISGID) & modeMask()))
        ::fchmodat(dstDir, dstName.c_str(), st.st_mode & modeMask(), 0); // chown cleared set-id bits
    const struct timespec times[2] = {st.st_atim, st.st_mtim};
    if (::utimensat(dstDir, dstName.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0 && errno != EPERM)
        throwErrno("set times " + label);
}

} // namespace strata::engine::fs::drivers
