// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/store/PendingSync.h"

#include "engine/Error.h"
#include "engine/util/ClonedRemover.h"
#include "engine/util/Fs.h"

#include <cerrno>
#include <cstdlib>
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::engine::store {
namespace {

std::string readBootId()
{
    const char *over = std::getenv("STRATA_TEST_BOOT_ID_FILE");
    std::string id;
    try {
        id = fsutil::readFile(over && *over ? over : "/proc/sys/kernel/random/boot_id");
    } catch (const std::exception &) {
        return "unknown";
    }
    std::string clean;
    for (char c : id)
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-')
            clean.push_back(c);
    return clean.empty() || clean.size() > 64 ? std::string("unknown") : clean;
}

// "<chain-hex>.<boot-id>.<nonce>" -> chain id and boot id; false when the name is not an entry.
bool parseEntry(const std::string &name, Digest &chainId, std::string &boot)
{
    const auto first = name.find('.');
    const auto last = name.rfind('.');
    if (first != 64 || last == first || !Digest::isValid("sha256:" + name.substr(0, 64)))
        return false;
    chainId = Digest::fromHex(name.substr(0, 64));
    boot = name.substr(first + 1, last - first - 1);
    return !boot.empty();
}

} // namespace

std::string currentBootId()
{
    static const std::string id = readBootId();
    return id;
}

PendingSync::PendingSync(std::filesystem::path root) : m_root(std::move(root)) {}

PendingSync::~PendingSync()
{
    detach();
}

void PendingSync::openDir()
{
    if (m_dir)
        return;
    const auto dir = dirOf(m_root);
    if (::mkdir(dir.c_str(), 0700) == 0)
        fsutil::fsyncDir(m_root); // the directory itself outlives a crash
    else if (errno != EEXIST)
        throwErrno("create " + dir.string());
    m_dir.reset(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!m_dir)
        throwErrno("open " + dir.string());
}

void PendingSync::watchWriteErrors()
{
    if (!m_syncFd)
        m_syncFd.reset(::open(m_root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
}

void PendingSync::add(const Digest &chainId)
{
    if (m_held.size() >= static_cast<std::size_t>(fsutil::kMaxSyncNames))
        detach(); // one syncer per batch
    openDir();
    const std::string name = chainId.hex() + "." + currentBootId() + "." + fsutil::uniqueName("");
    util::UniqueFd fd(::openat(m_dir.get(), name.c_str(), O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (!fd)
        throwErrno("create " + (dirOf(m_root) / name).string());
    // Held from the start: recover() never takes an entry a live process has.
    if (::flock(fd.get(), LOCK_EX) != 0 || ::fsync(m_dir.get()) != 0) {
        const int saved = errno;
        ::unlinkat(m_dir.get(), name.c_str(), 0);
        errno = saved;
        throwErrno("record " + (dirOf(m_root) / name).string());
    }
    m_held.push_back({name, std::move(fd)});
}

void PendingSync::detach() noexcept
{
    if (m_held.empty())
        return;
    std::vector<std::string> names;
    std::vector<int> fds;
    for (const auto &h : m_held) {
        names.push_back(h.name);
        fds.push_back(h.fd.get());
    }
    watchWriteErrors();
    if (m_syncFd && !fsutil::syncAndUnlinkCloned(m_syncFd.get(), m_dir.get(), names, fds) &&
        ::syncfs(m_syncFd.get()) == 0) {
        // No detached syncer here: the sync was this process's.
        for (const auto &n : names)
            ::unlinkat(m_dir.get(), n.c_str(), 0);
        ::fsync(m_dir.get());
    }
    // What is not cleared stays for the next exclusive start (recover()).
    m_held.clear(); // the syncer has its own copies of the descriptors, with the locks
    m_syncFd.reset();
}

std::vector<PendingSync::Lost> PendingSync::recover(const std::filesystem::path &root)
{
    std::vector<Lost> lost;
    const int dirFd = ::open(dirOf(root).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd < 0)
        return lost; // never loaded anything
    DIR *dir = ::fdopendir(dirFd);
    if (!dir) {
        ::close(dirFd);
        return lost;
    }
    PendingSync resync(root);
    while (const dirent *e = ::readdir(dir)) {
        const std::string name = e->d_name;
        if (name == "." || name == "..")
            continue;
        Digest chainId;
        std::string boot;
        if (!parseEntry(name, chainId, boot)) {
            ::unlinkat(dirFd, name.c_str(), 0); // not ours (a torn name cannot be: names are atomic)
            continue;
        }
        util::UniqueFd fd(::openat(dirFd, name.c_str(), O_RDONLY | O_CLOEXEC));
        if (!fd || ::flock(fd.get(), LOCK_EX | LOCK_NB) != 0)
            continue; // its syncer is still at it
        if (boot == currentBootId()) {
            // Killed before it synced: the data is in the page cache; sync it again.
            resync.m_held.push_back({name, std::move(fd)});
            continue;
        }
        lost.push_back({chainId, name});
    }
    if (!resync.m_held.empty()) {
        resync.m_dir.reset(::dup(dirFd));
        resync.detach();
    }
    ::closedir(dir);
    return lost;
}

void PendingSync::clearLost(const std::filesystem::path &root, const std::vector<Lost> &lost)
{
    const auto dir = dirOf(root);
    for (const auto &l : lost)
        ::unlink((dir / l.entry).c_str());
    fsutil::fsyncDir(dir);
}

} // namespace strata::engine::store
