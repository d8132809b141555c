// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/ArchiveInput.h"

#include "engine/Error.h"
#include "engine/image/PeekSource.h"
#include "engine/image/RawDecompressSource.h"
#include "engine/layer/Compression.h"
#include "engine/layer/LayerApplier.h"
#include "engine/layer/LayerInput.h"
#include "engine/util/Fs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace strata::engine::image {
namespace fs = std::filesystem;
namespace {

enum class Encoding { Tar, GzipOrZstd, OtherCompressor, Unknown };

Encoding sniff(const std::string &head)
{
    if (layer::looksLikeTarHeader(head.data(), head.size()))
        return Encoding::Tar;
    if (layer::detectCompression(head.data(), head.size()) != layer::Compression::None)
        return Encoding::GzipOrZstd;
    const layer::ForeignFormat f = layer::detectForeignFormat(head.data(), head.size());
    if (!f.name.empty() && f.compression)
        return Encoding::OtherCompressor;
    return Encoding::Unknown;
}

void copyAll(layer::ByteSource &from, layer::ByteSink &to)
{
    std::vector<char> buffer(1 << 20);
    while (const std::size_t n = from.read(buffer.data(), buffer.size()))
        to.write(buffer.data(), n);
}

// gzip and zstd through the layer module's decoders: unlike libarchive's
// gzip filter they check the CRC-32/ISIZE trailer.
void decodeAll(layer::ByteSource &from, layer::ByteSink &to)
{
    layer::LayerInput input(from);
    for (auto chunk = input.next(); chunk.size > 0; chunk = input.next())
        to.write(chunk.data, chunk.size);
}

} // namespace

TempFile::TempFile(const fs::path &dir, const std::string &prefix, unsigned mode)
{
    fs::path p = dir / fsutil::uniqueName(prefix);
    m_fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (m_fd < 0)
        throwErrno("create " + p.string());
    m_path = std::move(p);
}

TempFile::~TempFile()
{
    close();
    if (!m_path.empty())
        ::unlink(m_path.c_str());
}

TempFile::TempFile(TempFile &&other) noexcept
    : m_path(std::exchange(other.m_path, {})), m_fd(std::exchange(other.m_fd, -1))
{
}

TempFile &TempFile::operator=(TempFile &&other) noexcept
{
    if (this != &other) {
        close();
        if (!m_path.empty())
            ::unlink(m_path.c_str());
        m_path = std::exchange(other.m_path, {});
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

void TempFile::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

PreparedInput prepareInput(const fs::path &input, const fs::path &tmpDir)
{
    const bool isStdin = input == "-";
    if (!isStdin) {
        struct stat st {};
        if (::stat(input.c_str(), &st) != 0)
            throwErrno("open " + input.string());
        if (S_ISDIR(st.st_mode))
            return {input, true, {}};
        if (st.st_size == 0)
            throw Error(ErrorCode::InvalidArchive, "empty file: not an image archive");
    }
    auto source = layer::openFileSource(input);
    PeekSource peek(*source, layer::kSniffSize);
    if (peek.head().empty())
        throw Error(ErrorCode::InvalidArchive, "empty input: not an image archive");
    const Encoding encoding = sniff(peek.head());
    // A plain file that is not compressed is read in place; if it is not a
    // tar either, the tar reader says so.
    if (!isStdin && (encoding == Encoding::Tar || encoding == Encoding::Unknown))
        return {input, false, {}};

    fsutil::makeDirs(tmpDir);
    TempFile spool(tmpDir, "load-");
    auto sink = layer::makeFdSink(spool.fd(), spool.path().string());
    if (encoding == Encoding::GzipOrZstd) {
        decodeAll(peek, *sink);
    } else if (encoding == Encoding::OtherCompressor) {
        RawDecompressSource raw(peek, isStdin ? "stdin" : input.string());
        copyAll(raw, *sink);
    } else {
        copyAll(peek, *sink);
    }
    spool.close();
    fs::path path = spool.path();
    return {std::move(path), false, std::move(spool)};
}

} // namespace strata::engine::image
