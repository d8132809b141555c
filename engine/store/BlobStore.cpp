// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/store/BlobStore.h"

#include "engine/Error.h"
#include "engine/store/StoreLayout.h"
#include "engine/util/Fs.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::engine::store {

BlobStore::BlobStore(const StoreLayout &layout) : m_dir(layout.blobsDir()), m_tmp(layout.tmpDir()) {}

std::filesystem::path BlobStore::pathFor(const Digest &digest) const
{
    return m_dir / digest.hex();
}

bool BlobStore::has(const Digest &digest) const
{
    struct stat st {};
    return ::stat(pathFor(digest).c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::uint64_t BlobStore::size(const Digest &digest) const
{
    struct stat st {};
    if (::stat(pathFor(digest).c_str(), &st) != 0)
        throw Error(ErrorCode::NotFound, "blob " + digest.str() + " is missing from the store");
    return static_cast<std::uint64_t>(st.st_size);
}

std::string BlobStore::read(const Digest &digest) const
{
    if (!has(digest))
        throw Error(ErrorCode::NotFound, "blob " + digest.str() + " is missing from the store");
    std::string bytes = fsutil::readFile(pathFor(digest));
    if (Digest::ofBytes(bytes) != digest)
        throw Error(ErrorCode::DigestMismatch, "blob " + digest.str() + " does not match its digest (store corrupted)");
    return bytes;
}

void BlobStore::verify(const Digest &digest) const
{
    int fd = ::open(pathFor(digest).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw Error(ErrorCode::NotFound, "blob " + digest.str() + " is missing from the store");
    Sha256 h;
    char buf[1 << 16];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0)
        h.update(buf, static_cast<size_t>(n));
    int err = errno;
    ::close(fd);
    if (n < 0)
        throwErrno("read blob " + digest.str(), err);
    if (h.finish() != digest)
        throw Error(ErrorCode::DigestMismatch, "blob " + digest.str() + " does not match its digest (store corrupted)");
}

Digest BlobStore::put(std::string_view bytes, const std::optional<Digest> &expected)
{
    Writer w = writer();
    w.write(bytes.data(), bytes.size());
    return w.commit(expected);
}

void BlobStore::remove(const Digest &digest)
{
    if (::unlink(pathFor(digest).c_str()) != 0 && errno != ENOENT)
        throwErrno("remove blob " + digest.str());
}

std::vector<Digest> BlobStore::list() const
{
    std::vector<Digest> out;
    std::error_code ec;
    for (const auto &e : std::filesystem::directory_iterator(m_dir, ec)) {
        const std::string name = e.path().filename().string();
        if (Digest::isValid("sha256:" + name))
            out.push_back(Digest::fromHex(name));
    }
    return out;
}

BlobStore::Writer BlobStore::writer() const
{
    std::filesystem::path tmp = m_tmp / fsutil::uniqueName("blob-");
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        throwErrno("create " + tmp.string());
    return Writer(*this, tmp, fd);
}

BlobStore::Writer::Writer(const BlobStore &store, std::filesystem::path tmp, int fd)
    : m_store(&store), m_tmp(std::move(tmp)), m_fd(fd)
{
}

BlobStore::Writer::Writer(Writer &&o) noexcept
    : m_store(o.m_store), m_tmp(std::move(o.m_tmp)), m_fd(o.m_fd), m_hash(std::move(o.m_hash))
{
    o.m_fd = -1;
    o.m_tmp.clear();
}

BlobStore::Writer::~Writer()
{
    if (m_fd >= 0)
        ::close(m_fd);
    if (!m_tmp.empty())
        ::unlink(m_tmp.c_str());
}

void BlobStore::Writer::write(const void *data, std::size_t size)
{
    m_hash.update(data, size);
    const char *p = static_cast<const char *>(data);
    while (size > 0) {
        ssize_t n = ::write(m_fd, p, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throwErrno("write " + m_tmp.string());
        }
        p += n;
        size -= static_cast<size_t>(n);
    }
}

Digest BlobStore::Writer::commit(const std::optional<Digest> &expected)
{
    const Digest digest = m_hash.finish();
    if (expected && *expected != digest)
        throw Error(ErrorCode::DigestMismatch,
                    "content hashes to " + digest.str() + ", expected " + expected->str());
    if (::fsync(m_fd) != 0)
        throwErrno("fsync " + m_tmp.string());
    ::close(m_fd);
    m_fd = -1;
    if (m_store->has(digest)) { // idempotent: identical bytes already stored
        ::unlink(m_tmp.c_str());
    } else {
        fsutil::renamePath(m_tmp, m_store->pathFor(digest));
        fsutil::fsyncDir(m_store->m_dir);
    }
    m_tmp.clear();
    return digest;
}

} // namespace strata::engine::store
