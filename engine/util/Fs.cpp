// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/Fs.h"

#include "engine/Error.h"
#include "engine/util/UniqueFd.h"

#include <cerrno>
#include <fcntl.h>
#include <random>
#include <stdio.h> // renameat2
#include <sys/stat.h>
#include <unistd.h>

namespace strata::engine::fsutil {
namespace {

using Fd = util::UniqueFd;

void writeAll(int fd, std::string_view data, const fs::path &path)
{
    while (!data.empty()) {
        ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throwErrno("write " + path.string());
        }
        data.remove_prefix(static_cast<size_t>(n));
    }
}

} // namespace

std::string uniqueName(std::string_view prefix)
{
    static thread_local std::mt19937_64 rng{std::random_device{}() ^ (static_cast<uint64_t>(::getpid()) << 32)};
    static const char *digits = "0123456789abcdef";
    std::string name(prefix);
    uint64_t v = rng();
    for (int i = 0; i < 16; ++i, v >>= 4)
        name.push_back(digits[v & 15]);
    return name;
}

namespace {

// Swaps `tmp` in for an existing `target` (renameat2 RENAME_EXCHANGE) and
// drops the old file now at `tmp`: readers see the old bytes or the new, as
// with rename. A plain rename over an existing file makes ext4 (its
// auto_da_alloc heuristic) start writing the new file's data out at once,
// 1.5-2.5 ms of wall time per replace here, for data that needs no
// durability. False (nothing done) when there is no target yet or the file
// system cannot exchange: then the caller renames.
bool exchangeInto(const fs::path &tmp, const fs::path &target)
{
    if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0)
        return false;
    (void)::unlink(tmp.c_str());
    return true;
}

void writeThenRename(const fs::path &target, std::string_view data, const fs::path &tmpDir, bool durable)
{
    const fs::path dir = tmpDir.empty() ? target.parent_path() : tmpDir;
    const fs::path tmp = dir / uniqueName(".tmp-");
    Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (fd.get() < 0)
        throwErrno("create " + tmp.string());
    try {
        writeAll(fd.get(), data, tmp);
        if (durable && ::fsync(fd.get()) != 0)
            throwErrno("fsync " + tmp.string());
        if (::close(fd.release()) != 0)
            throwErrno("close " + tmp.string());
        if (durable || !exchangeInto(tmp, target))
            renamePath(tmp, target);
    } catch (...) {
        ::unlink(tmp.c_str());
        throw;
    }
    if (durable)
        fsyncDir(target.parent_path());
}

} // namespace

void writeFileAtomic(const fs::path &target, std::string_view data, const fs::path &tmpDir)
{
    writeThenRename(target, data, tmpDir, true);
}

void writeFileReplace(const fs::path &target, std::string_view data, const fs::path &tmpDir)
{
    writeThenRename(target, data, tmpDir, false);
}

namespace {

std::string readAll(const Fd &fd, const fs::path &path)
{
    std::string out;
    struct stat st {};
    if (::fstat(fd.get(), &st) == 0 && st.st_size > 0)
        out.reserve(static_cast<size_t>(st.st_size));
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throwErrno("read " + path.string());
        }
        if (n == 0)
            break;
        out.append(buf, static_cast<size_t>(n));
    }
    return out;
}

} // namespace

std::string readFile(const fs::path &path)
{
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0)
        throwErrno("open " + path.string());
    return readAll(fd, path);
}

std::optional<std::string> readFileIfExists(const fs::path &path)
{
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT)
            return std::nullopt;
        throwErrno("open " + path.string());
    }
    return readAll(fd, path);
}

void fsyncPath(const fs::path &path)
{
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0)
        throwErrno("open " + path.string());
    if (::fsync(fd.get()) != 0 && errno != EINVAL)
        throwErrno("fsync " + path.string());
}

void fsyncDir(const fs::path &dir)
{
    fsyncPath(dir.empty() ? fs::path(".") : dir);
}

void makeDirs(const fs::path &dir, unsigned mode)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw Error(ErrorCode::Io, "create directory " + dir.string() + ": " + ec.message(), ec.value());
    (void)mode;
}

void removeTree(const fs::path &path)
{
    std::error_code ec;
    fs::remove_all(path, ec);
    if (!ec)
        return;
    // A read-only directory inside the tree: make directories writable, retry.
    for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_directory(ec) && !it->is_symlink(ec))
            ::chmod(it->path().c_str(), 0700);
    }
    ::chmod(path.c_str(), 0700);
    ec.clear();
    fs::remove_all(path, ec);
    if (ec)
        throw Error(ErrorCode::Io, "remove " + path.string() + ": " + ec.message(), ec.value());
}

std::uint64_t treeBytes(const fs::path &dir)
{
    std::uint64_t total = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec) && !it->is_symlink(ec))
            total += it->file_size(ec);
    }
    return total;
}

void renamePath(const fs::path &from, const fs::path &to)
{
    if (::rename(from.c_str(), to.c_str()) != 0)
        throwErrno("rename " + from.string() + " to " + to.string());
}

TempDir::TempDir(const fs::path &parent, std::string_view prefix)
{
    makeDirs(parent);
    fs::path p = parent / uniqueName(prefix);
    if (::mkdir(p.c_str(), 0700) != 0)
        throwErrno("create directory " + p.string());
    m_path = p;
}

TempDir::~TempDir()
{
    if (!m_path.empty()) {
        try {
            removeTree(m_path);
        } catch (...) {
        }
    }
}

TempDir::TempDir(TempDir &&other) noexcept : m_path(std::move(other.m_path))
{
    other.m_path.clear();
}

TempDir &TempDir::operator=(TempDir &&other) noexcept
{
    if (this != &other) {
        TempDir gone(std::move(*this));
        m_path = std::move(other.m_path);
        other.m_path.clear();
    }
    return *this;
}

} // namespace strata::engine::fsutil
