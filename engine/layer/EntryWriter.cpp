// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/layer/EntryWriter.h"

#include "engine/Error.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>

namespace strata::engine::layer {
namespace {

// overlayfs reads its own metadata from these (opaque, redirect, metacopy):
// a layer must not smuggle them onto a directory that will be mounted as a
// lowerdir. Opaque directories come from ".wh..wh..opq" markers instead.
bool isOverlayXattr(std::string_view key)
{
    return key.starts_with("trusted.overlay.") || key.starts_with("user.overlay.");
}

// A file system or a privilege level without xattr support is not an error:
// the layer applies without them (as umoci and containerd ignore ENOTSUP).
bool ignorableXattrError(int err)
{
    return err == EPERM || err == ENOTSUP || err == EOPNOTSUPP || err == EACCES;
}

// At most this much per pwrite. Copying 101 MiB into the page cache took
// 31-38 ms of CPU in 64 KiB writes, every time, and 29-148 ms in 1 MiB
// writes (the kernel then allocates large folios, at a cost that depends
// on the memory's state; perf: copy_folio_from_iter_atomic was 48% of one
// 1,000-file load). 1,500 more system calls per 100 MiB cost about 1 ms.
constexpr std::size_t kWritePiece = 64 * 1024;

void writeAll(int fd, const void *data, std::size_t size, std::int64_t offset)
{
    const auto *p = static_cast<const char *>(data);
    while (size > 0) {
        const ssize_t n = ::pwrite(fd, p, std::min(size, kWritePiece), offset);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throwErrno("write file data");
        }
        p += n;
        size -= static_cast<std::size_t>(n);
        offset += n;
    }
}

// The umask without changing it (umask(2) would, for every thread):
// Linux reports it in /proc/self/status since 4.7. 0777 when unknown.
unsigned currentUmask()
{
    UniqueFd fd(::open("/proc/self/status", O_RDONLY | O_CLOEXEC));
    if (!fd.valid())
        return 0777;
    char buffer[4096];
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer - 1);
    if (n <= 0)
        return 0777;
    buffer[n] = '\0';
    const char *line = std::strstr(buffer, "\nUmask:");
    if (!line)
        return 0777;
    return static_cast<unsigned>(std::strtoul(line + 7, nullptr, 8)) & 0777;
}

// A big file's pages go to the disk now, while later entries unpack, rather
// than all at once in the layer's final syncfs (which still waits for them:
// this only starts the writeback, it promises nothing). Small files are left
// to that syncfs: one more system call each would cost more than it saves.
// Only for a caller that syncs right after (ApplyOptions::startWriteback).
void startWriteback(int fd, std::int64_t written)
{
    constexpr std::int64_t kBigFile = 1 << 20;
    if (written >= kBigFile)
        ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE); // advisory: errors change nothing
}

} // namespace

EntryWriter::EntryWriter(LayerTree &tree, const ApplyOptions &options)
    : m_tree(tree), m_options(options), m_umask(currentUmask()), m_euid(::geteuid()), m_egid(::getegid()),
      m_writeback(options.startWriteback ? tree.rootFd() : -1)
{
    // In Diff mode every directory is one this writer made (0700, setgid
    // only if the root is): a new file then belongs to our fsuid/fsgid.
    struct stat st {};
    m_creationOwnerKnown = options.mode == ApplyMode::Diff && ::fstat(tree.rootFd(), &st) == 0 &&
                           !(st.st_mode & S_ISGID);
}

bool EntryWriter::ownerFromCreation(const TarEntry &entry) const
{
    if (!m_options.preserveOwnership)
        return true; // nobody asked for the tar's owner
    return m_creationOwnerKnown && entry.uid == static_cast<std::int64_t>(m_euid) &&
           entry.gid == static_cast<std::int64_t>(m_egid);
}

unsigned EntryWriter::creationMode(const TarEntry &entry, bool ownerFromCreation) const
{
    // A chown after creation would clear setuid/setgid: then chmod comes after it.
    if (!ownerFromCreation || (entry.mode & m_umask) != 0)
        return 0600;
    // Writing the data may drop setuid/setgid (file_remove_privs), and the
    // kernel may drop setgid at creation: the rare special bits go by fchmod.
    if ((entry.mode & 07000) != 0)
        return 0600;
    return entry.mode;
}

timespec entryAtime(const TarEntry &entry)
{
    return entry.atime ? *entry.atime : entry.mtime;
}

EntryWriter::Target EntryWriter::prepare(const std::string &name)
{
    const auto [dir, base] = splitParent(name);
    const std::string real = *m_tree.resolver().resolveDir(dir, true);
    return {m_tree.dirFd(real), std::string(base), joinPath(real, base)};
}

void EntryWriter::write(const TarEntry &entry, const std::string &name, DataReader &data)
{
    if (name.empty())
        return writeRoot(entry);
    const Target t = prepare(name);
    switch (entry.type) {
    case EntryType::File: writeFile(entry, t, &data); break;
    case EntryType::Directory: writeDirectory(entry, t, name); break;
    case EntryType::Symlink: writeSymlink(entry, t); break;
    case EntryType::Hardlink: writeHardlink(entry, t); break;
    case EntryType::Fifo:
    case EntryType::CharDevice:
    case EntryType::BlockDevice: writeNode(entry, t); break;
    }
    m_tree.markWritten(t.path);
    m_writeback.created(entry.type == EntryType::File ? static_cast<std::uint64_t>(entry.size) : 0);
}

void EntryWriter::writeEmptyFile(const TarEntry &entry, const std::string &name)
{
    const Target t = prepare(name);
    writeFile(entry, t, nullptr);
    m_tree.markWritten(t.path);
    m_writeback.created(0);
}

// umoci: "refusing to change type of root directory" — a root that became a
// symlink would redirect every later entry.
void EntryWriter::writeRoot(const TarEntry &entry)
{
    if (entry.type != EntryType::Directory)
        throw Error(ErrorCode::UnsafePath, "refusing to replace the layer root with a non-directory");
    setOwner(m_tree.rootFd(), ".", entry);
    setXattrs(m_tree.rootFd(), "", entry);
    m_directories.hold("", entry.mode, entryAtime(entry), entry.mtime);
}

template <typename Create>
void EntryWriter::createReplacing(const Target &t, Create &&create, const char *what)
{
    if (create() == 0)
        return;
    if (errno != EEXIST)
        throwErrno(std::string("create ") + what);
    m_tree.remove(t.dirFd, t.base, t.path);
    if (create() != 0)
        throwErrno(std::string("create ") + what);
}

void EntryWriter::writeFile(const TarEntry &entry, const Target &t, DataReader *data)
{
    // O_EXCL, never O_TRUNC: an existing name may be a hardlink into a lower
    // layer's file, whose content must not change through this path.
    int fd = -1;
    const bool ownerKnown = ownerFromCreation(entry);
    const unsigned mode = creationMode(entry, ownerKnown);
    createReplacing(
        t,
        [&] {
            fd = ::openat(t.dirFd, t.base.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
            return fd < 0 ? -1 : 0;
        },
        "file");
    UniqueFd file(fd);
    if (data) {
        PayloadObserver *observer = m_tree.observer();
        if (observer && entry.dataOffset >= 0)
            observer->fileWriting(entry.dataOffset, entry.size, t.path);
        // The observer was promised the tar's bytes at dataOffset, in order.
        if (!copyData(fd, entry, *data) && observer)
            throw Error(ErrorCode::InvalidArchive, "sparse data in an entry whose header says plain file");
    }
    if (!ownerKnown && ::fchown(fd, entry.uid, entry.gid) != 0)
        throwErrno("set owner");
    if (mode != entry.mode && ::fchmod(fd, entry.mode) != 0)
        throwErrno("set mode");
    setXattrs(fd, t.path, entry);
    const timespec times[2] = {entryAtime(entry), entry.mtime};
    if (::futimens(fd, times) != 0)
        throwErrno("set times");
}

bool EntryWriter::copyData(int fd, const TarEntry &entry, DataReader &data)
{
    const void *block = nullptr;
    std::size_t size = 0;
    std::int64_t offset = 0;
    std::int64_t end = 0;
    bool contiguous = true;
    while (data.nextBlock(block, size, offset)) {
        contiguous = contiguous && offset == end;
        writeAll(fd, block, size, offset);
        end = std::max<std::int64_t>(end, offset + static_cast<std::int64_t>(size));
        m_contentBytes += size;
    }
    // A sparse file whose last stretch is a hole.
    if (end < entry.size && ::ftruncate(fd, entry.size) != 0)
        throwErrno("extend sparse file");
    if (m_options.startWriteback)
        startWriteback(fd, end);
    return contiguous && end == entry.size;
}

void EntryWriter::writeDirectory(const TarEntry &entry, const Target &t, const std::string &name)
{
    if (::mkdirat(t.dirFd, t.base.c_str(), 0700) != 0) {
        if (errno != EEXIST)
            throwErrno("create directory");
        struct stat st {};
        if (::fstatat(t.dirFd, t.base.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode)) {
            m_tree.remove(t.dirFd, t.base, t.path);
            if (::mkdirat(t.dirFd, t.base.c_str(), 0700) != 0)
                throwErrno("create directory");
        }
    }
    m_tree.resolver().noteDirectory(name, t.path);
    setOwner(t.dirFd, t.base, entry);
    if (m_options.preserveXattrs && !entry.xattrs.empty()) {
        UniqueFd dir(::openat(t.dirFd, t.base.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!dir.valid())
            throwErrno("open directory");
        setXattrs(dir.get(), t.path, entry);
    }
    m_directories.hold(t.path, entry.mode, entryAtime(entry), entry.mtime);
}

void EntryWriter::writeSymlink(const TarEntry &entry, const Target &t)
{
    // The target is stored as written: it is only followed (inside the
    // root) when a later entry is written through it.
    createReplacing(
        t, [&] { return ::symlinkat(entry.link.c_str(), t.dirFd, t.base.c_str()); }, "symlink");
    setOwner(t.dirFd, t.base, entry);
    setXattrs(-1, t.path, entry);
    const timespec times[2] = {entryAtime(entry), entry.mtime};
    if (::utimensat(t.dirFd, t.base.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0)
        throwErrno("set symlink times");
}

void EntryWriter::writeNode(const TarEntry &entry, const Target &t)
{
    mode_t type = S_IFIFO;
    if (entry.type != EntryType::Fifo) {
        if (!m_options.allowDevices)
            throw Error(ErrorCode::PermissionDenied,
                        "device node refused: creating devices is not allowed here (needs root and allowDevices)");
        type = entry.type == EntryType::CharDevice ? S_IFCHR : S_IFBLK;
    }
    const dev_t dev = type == S_IFIFO ? 0 : makedev(entry.devMajor, entry.devMinor);
    createReplacing(
        t, [&] { return ::mknodat(t.dirFd, t.base.c_str(), type | 0600, dev); }, "special file");
    setOwner(t.dirFd, t.base, entry);
    if (::fchmodat(t.dirFd, t.base.c_str(), entry.mode, 0) != 0)
        throwErrno("set mode");
    setXattrs(-1, t.path, entry);
    const timespec times[2] = {entryAtime(entry), entry.mtime};
    if (::utimensat(t.dirFd, t.base.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0)
        throwErrno("set times");
}

void EntryWriter::writeHardlink(const TarEntry &entry, const Target &t)
{
    const auto [dirFd, base] = withErrorContext("hardlink target \"" + entry.link + "\"", [&] {
        return hardlinkTarget(entry.link);
    });
    UniqueFd targetDir(dirFd);
    createReplacing(
        t, [&, &base = base] { return ::linkat(targetDir.get(), base.c_str(), t.dirFd, t.base.c_str(), 0); }, "hardlink");
}

// Hardlink targets are archive names, resolved like entry names: inside the
// root, parents through in-root symlinks, the target itself not followed
// (linkat without AT_SYMLINK_FOLLOW links a symlink, as tar does). An
// absolute target means the same path from the layer root, as containerd
// reads it (archive/tar.go hardlinkRootPath): GNU tar -P and some image
// builders write them; ".." above the root is still refused.
std::pair<int, std::string> EntryWriter::hardlinkTarget(const std::string &link)
{
    const std::size_t leadingSlashes = std::min(link.find_first_not_of('/'), link.size());
    const std::string target = normaliseEntryName(std::string_view(link).substr(leadingSlashes));
    if (target.empty())
        throw Error(ErrorCode::UnsafePath, "hardlink to the layer root");
    const auto [dir, base] = splitParent(target);
    const std::optional<std::string> real = m_tree.resolver().resolveDir(dir, false);
    UniqueFd dirFd(real ? openBeneath(m_tree.rootFd(), *real, O_PATH | O_DIRECTORY) : -1);
    struct stat st {};
    if (!dirFd.valid() || ::fstatat(dirFd.get(), std::string(base).c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        throw Error(ErrorCode::UnsafePath, "hardlink target is not in the layer (it must be written before the link)");
    if (S_ISDIR(st.st_mode))
        throw Error(ErrorCode::UnsafePath, "hardlink to a directory");
    return {dirFd.release(), std::string(base)};
}

void EntryWriter::finish()
{
    m_directories.apply(m_tree.rootFd());
}

void EntryWriter::setOwner(int dirFd, const std::string &base, const TarEntry &entry)
{
    if (!m_options.preserveOwnership)
        return;
    const int flags = base == "." ? 0 : AT_SYMLINK_NOFOLLOW;
    if (::fchownat(dirFd, base.c_str(), static_cast<uid_t>(entry.uid), static_cast<gid_t>(entry.gid), flags) != 0)
        throwErrno("set owner");
}

void EntryWriter::setXattrs(int fd, const std::string &path, const TarEntry &entry)
{
    if (!m_options.preserveXattrs)
        return;
    const std::string full = (m_tree.rootPath() / path).string();
    for (const auto &[key, value] : entry.xattrs) {
        if (isOverlayXattr(key))
            continue;
        const int rc = fd >= 0 ? ::fsetxattr(fd, key.c_str(), value.data(), value.size(), 0)
                               : ::lsetxattr(full.c_str(), key.c_str(), value.data(), value.size(), 0);
        if (rc != 0 && !ignorableXattrError(errno))
            throwErrno("set xattr " + key);
    }
}

} // namespace strata::engine::layer
