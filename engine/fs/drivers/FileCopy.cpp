// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/drivers/FileCopy.h"

#include "engine/Error.h"
#include "engine/util/UniqueFd.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <vector>

namespace strata::engine::fs::drivers {
namespace {

using Fd = util::UniqueFd;

bool copyWithRange(int in, int out)
{
    for (;;) {
        const ssize_t n = ::copy_file_range(in, nullptr, out, nullptr, 1 << 30, 0);
        if (n == 0)
            return true;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false; // EXDEV, EINVAL, ENOSYS, EOPNOTSUPP: fall back to read/write
        }
    }
}

void copyWithReadWrite(int in, int out, const std::string &to)
{
    std::vector<char> buf(1 << 17);
    ::lseek(in, 0, SEEK_SET);
    ::lseek(out, 0, SEEK_SET);
    if (::ftruncate(out, 0) != 0)
        throwErrno("truncate " + to);
    for (;;) {
        const ssize_t n = ::read(in, buf.data(), buf.size());
        if (n == 0)
            return;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throwErrno("read for " + to);
        }
        for (ssize_t done = 0; done < n;) {
            const ssize_t w = ::write(out, buf.data() + done, static_cast<std::size_t>(n - done));
            if (w < 0 && errno != EINTR)
                throwErrno("write " + to);
            done += w > 0 ? w : 0;
        }
    }
}

} // namespace

void copyFileData(const std::filesystem::path &from, const std::filesystem::path &to)
{
    // O_NONBLOCK: a fifo swapped in for the file by a live container must not hang the copy.
    Fd in(::open(from.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
    struct stat st {};
    if (in.get() < 0 || ::fstat(in.get(), &st) != 0)
        throwErrno("open " + from.string());
    if (!S_ISREG(st.st_mode))
        throw Error(ErrorCode::UnsafePath, from.string() + ": no longer a regular file");
    Fd out(::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (out.get() < 0)
        throwErrno("create " + to.string());
    copyFdData(in.get(), out.get(), to.string());
}

void copyFdData(int in, int out, const std::string &label)
{
    if (::ioctl(out, FICLONE, in) == 0)
        return;
    if (!copyWithRange(in, out))
        copyWithReadWrite(in, out, label);
}

void copyMetadata(const struct stat &st, const std::filesystem::path &to)
{
    if (::lchown(to.c_str(), st.st_uid, st.st_gid) != 0 && errno != EPERM && errno != EINVAL)
        throwErrno("chown " + to.string());
    if (!S_ISLNK(st.st_mode) && ::chmod(to.c_str(), st.st_mode & 07777) != 0)
        throwErrno("chmod " + to.string());
    const struct timespec times[2] = {st.st_atim, st.st_mtim};
    if (::utimensat(AT_FDCWD, to.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0)
        throwErrno("set times of " + to.string());
}

void copyEntry(const std::filesystem::path &from, const struct stat &st, const std::filesystem::path &to)
{
    switch (st.st_mode & S_IFMT) {
    case S_IFDIR:
        // Owner-writable while the caller fills it; copyMetadata sets the real mode last.
        if (::mkdir(to.c_str(), 0700) != 0)
            throwErrno("create directory " + to.string());
        return;
    case S_IFREG:
        copyFileData(from, to);
        break;
    case S_IFLNK: {
        std::error_code ec;
        const auto target = std::filesystem::read_symlink(from, ec);
        if (ec)
            throw Error(ErrorCode::Io, "read link " + from.string() + ": " + ec.message(), ec.value());
        if (::symlink(target.c_str(), to.c_str()) != 0)
            throwErrno("create symlink " + to.string());
        break;
    }
    default: // fifo, socket, char, block
        if (::mknod(to.c_str(), st.st_mode, st.st_rdev) != 0)
            throwErrno("create node " + to.string());
        break;
    }
    copyMetadata(st, to);
}

void makeOverlayWhiteout(const std::filesystem::path &at)
{
    if (::mknod(at.c_str(), S_IFCHR | 0000, makedev(0, 0)) == 0)
        return;
    const int err = errno;
    if (err == EPERM)
        throw Error(ErrorCode::PermissionDenied,
                    "create whiteout " + at.string() +
                        ": overlayfs whiteouts are 0/0 character devices, which need root or a user "
                        "namespace (Linux 5.8+); use --driver userspace",
                    err);
    throwErrno("create whiteout " + at.string(), err);
}

bool sameContent(const std::filesystem::path &a, const std::filesystem::path &b)
{
    Fd fa(::open(a.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
    Fd fb(::open(b.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
    struct stat sa {}, sb {};
    if (fa.get() < 0 || fb.get() < 0 || ::fstat(fa.get(), &sa) != 0 || ::fstat(fb.get(), &sb) != 0 ||
        !S_ISREG(sa.st_mode) || !S_ISREG(sb.st_mode))
        return false;
    std::vector<char> ba(1 << 16), bb(1 << 16);
    for (;;) {
        const ssize_t na = ::read(fa.get(), ba.data(), ba.size());
        ssize_t nb = 0;
        while (nb < na) { // read b up to the same length (short reads happen)
            const ssize_t r = ::read(fb.get(), bb.data() + nb, static_cast<std::size_t>(na - nb));
            if (r <= 0)
                break;
            nb += r;
        }
        if (na < 0 || nb != na || std::memcmp(ba.data(), bb.data(), static_cast<std::size_t>(na)) != 0)
            return false;
        if (na == 0)
            return ::read(fb.get(), bb.data(), 1) == 0;
    }
}

} // namespace strata::engine::fs::drivers
