// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/SealedExe.h"

#include "engine/Error.h"
#include "engine/runtime/Runtime.h"

#include <algorithm>
#include <utility>
#include <cstring>
#include <elf.h>
#include <cstdlib>
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/mount.h>
#include <sys/mman.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

namespace strata::engine::runtime {
namespace {

constexpr unsigned kSeals = F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE;

bool readAt(int fd, void *buf, std::size_t size, off_t at)
{
    return ::pread(fd, buf, size, at) == static_cast<ssize_t>(size);
}

// Bytes of `fd` the loader needs: the end of the furthest program segment
// (with the ELF and program headers, which lie in the first). 0 when the
// file is not a 64-bit ELF this code understands: then the whole file.
off_t loadableBytes(int fd, off_t fileSize)
{
    Elf64_Ehdr eh{};
    if (!readAt(fd, &eh, sizeof eh, 0) || std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
        eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum == 0)
        return 0;
    off_t end = static_cast<off_t>(eh.e_phoff + eh.e_phnum * sizeof(Elf64_Phdr));
    for (unsigned i = 0; i < eh.e_phnum; ++i) {
        Elf64_Phdr ph{};
        if (!readAt(fd, &ph, sizeof ph, static_cast<off_t>(eh.e_phoff + i * sizeof ph)))
            return 0;
        end = std::max(end, static_cast<off_t>(ph.p_offset + ph.p_filesz));
    }
    return end <= fileSize ? end : 0;
}

void copyBytes(int in, int out, off_t count, const std::filesystem::path &exe)
{
    off_t at = 0;
    while (at < count) {
        const ssize_t n = ::sendfile(out, in, &at, static_cast<std::size_t>(count - at));
        if (n <= 0)
            throwErrno("copy " + exe.string() + " into a sealed memfd");
    }
}

// overlayfs splits lowerdir at ':' and takes '\\' as an escape.
std::string escapedLowerDir(const std::string &dir)
{
    std::string out;
    for (char c : dir) {
        if (c == ':' || c == '\\')
            out += '\\';
        out += c;
    }
    return out;
}

// The second lower layer a lower-only overlay needs (the kernel wants two
// without an upper): an empty directory on the host's /run. Nothing in it
// can hide the shim, which lies in the layer above.
const char *emptyLowerDir()
{
    (void)::mkdir("/run/strata", 0711);
    (void)::mkdir("/run/strata/empty", 0555);
    return "/run/strata/empty";
}

} // namespace

std::filesystem::path shimExecutable()
{
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec && self.filename().string().rfind("strata-shim", 0) == 0)
        return "/proc/self/exe";
    return defaultShimPath();
}

UniqueFd readOnlyViewOf(const std::filesystem::path &exe, UniqueFd *keepMount)
{
    if (const char *forced = std::getenv("STRATA_SHIM_SEALED_COPY"); forced && *forced == '1')
        return {};
    // /proc/self/exe: the file's path as the kernel knows it (one readlink;
    // canonical() would read every component). A path with a link in its
    // directories still works (overlayfs resolves the lowerdir); a link as
    // the file itself is refused by O_NOFOLLOW below.
    std::error_code ec;
    const std::filesystem::path file = exe == "/proc/self/exe" ? std::filesystem::read_symlink(exe, ec) : exe;
    if (ec || !file.is_absolute() || file.filename().empty())
        return {};
    const UniqueFd context(static_cast<int>(::syscall(SYS_fsopen, "overlay", FSOPEN_CLOEXEC)));
    if (!context)
        return {};
    const std::string lower = escapedLowerDir(file.parent_path().string()) + ":" + emptyLowerDir();
    if (::syscall(SYS_fsconfig, context.get(), FSCONFIG_SET_STRING, "lowerdir", lower.c_str(), 0) != 0)
        return {};
    // Two lowers on different file systems would turn xino on, with a
    // warning in the kernel log per mount; inode numbers do not matter here.
    (void)::syscall(SYS_fsconfig, context.get(), FSCONFIG_SET_STRING, "xino", "off", 0);
    if (::syscall(SYS_fsconfig, context.get(), FSCONFIG_CMD_CREATE, nullptr, nullptr, 0) != 0)
        return {};
    UniqueFd mount(static_cast<int>(::syscall(SYS_fsmount, context.get(), FSMOUNT_CLOEXEC,
                                                    MOUNT_ATTR_RDONLY | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOSUID)));
    if (!mount)
        return {};
    UniqueFd view(::openat(mount.get(), file.filename().c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
    struct stat st {};
    if (!view || ::fstat(view.get(), &st) != 0 || !S_ISREG(st.st_mode))
        return {};
    if (keepMount)
        *keepMount = std::move(mount);
    return view;
}

UniqueFd sealedCopyOf(const std::filesystem::path &exe)
{
    const UniqueFd in(::open(exe.c_str(), O_RDONLY | O_CLOEXEC));
    struct stat st {};
    if (!in || ::fstat(in.get(), &st) != 0)
        throwErrno("open " + exe.string());
    UniqueFd memfd(static_cast<int>(::syscall(SYS_memfd_create, "strata-shim", MFD_CLOEXEC | MFD_ALLOW_SEALING)));
    if (!memfd)
        throwErrno("memfd_create for a sealed copy of " + exe.string());
    const off_t loadable = loadableBytes(in.get(), st.st_size);
    copyBytes(in.get(), memfd.get(), loadable > 0 ? loadable : st.st_size, exe);
    if (loadable > 0) { // the section headers were left behind: say there are none
        Elf64_Ehdr eh{};
        if (!readAt(memfd.get(), &eh, sizeof eh, 0))
            throwErrno("read back the sealed copy of " + exe.string());
        eh.e_shoff = 0;
        eh.e_shnum = 0;
        eh.e_shstrndx = SHN_UNDEF;
        if (::pwrite(memfd.get(), &eh, sizeof eh, 0) != static_cast<ssize_t>(sizeof eh))
            throwErrno("write the sealed copy of " + exe.string());
    }
    if (::fchmod(memfd.get(), 0500) != 0 || ::fcntl(memfd.get(), F_ADD_SEALS, kSeals) != 0)
        throwErrno("seal the copy of " + exe.string());
    return memfd;
}

SealedShimCopy::SealedShimCopy() : m_copy(readOnlyViewOf(shimExecutable(), &m_mount))
{
    if (m_copy)
        return;
    m_thread = std::thread([this] {
        try {
            m_copy = sealedCopyOf(shimExecutable());
        } catch (...) {
            m_error = std::current_exception();
        }
    });
}

SealedShimCopy::~SealedShimCopy()
{
    if (m_thread.joinable())
        m_thread.join();
}

UniqueFd SealedShimCopy::take()
{
    if (m_thread.joinable())
        m_thread.join();
    if (m_error)
        std::rethrow_exception(std::exchange(m_error, nullptr));
    return std::move(m_copy);
}

UniqueFd protectedExecutableOf(const std::filesystem::path &exe)
{
    UniqueFd view = readOnlyViewOf(exe);
    return view ? std::move(view) : sealedCopyOf(exe);
}

bool runningFromProtectedExecutable()
{
    const UniqueFd self(::open("/proc/self/exe", O_RDONLY | O_CLOEXEC));
    if (!self)
        return false;
    const int seals = ::fcntl(self.get(), F_GET_SEALS);
    if (seals >= 0 && (static_cast<unsigned>(seals) & kSeals) == kSeals)
        return true;
    // A read-only overlay: what readOnlyViewOf makes.
    struct statfs fs {};
    return ::fstatfs(self.get(), &fs) == 0 && fs.f_type == OVERLAYFS_SUPER_MAGIC && (fs.f_flags & ST_RDONLY) != 0;
}

void execSealedCopy(int fd, const std::vector<std::string> &args)
{
    std::vector<char *> argv;
    for (const auto &a : args)
        argv.push_back(const_cast<char *>(a.c_str()));
    argv.push_back(nullptr);
    ::syscall(SYS_execveat, fd, "", argv.data(), environ, AT_EMPTY_PATH);
}

} // namespace strata::engine::runtime
