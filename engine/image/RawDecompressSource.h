// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Decompresses a stream in a format the layer applier does not take (bzip2,
// xz, lzma, lzip, lz4, compress) with libarchive's "raw" reader, so that
// `import` and the outer archive of `load` accept what `docker import` /
// `docker load` accept, while the stored layer blob is the plain tar.
// Layers themselves stay tar, gzip or zstd (image-spec layer.md): this is
// never used for a layer inside an image archive.

#include "engine/layer/ArchiveHandles.h"
#include "engine/layer/ByteStream.h"

#include <exception>
#include <string>
#include <vector>

namespace strata::engine::image {

class RawDecompressSource final : public layer::ByteSource {
public:
    // `what` names the input in errors ("rootfs.tar.xz").
    RawDecompressSource(layer::ByteSource &compressed, std::string what);

    // Throws InvalidArchive on corrupt or truncated input.
    std::size_t read(void *buffer, std::size_t size) override;

private:
    static la_ssize_t readCallback(archive *a, void *self, const void **buffer);
    [[noreturn]] void fail();

    layer::ByteSource &m_in;
    std::string m_what;
    std::vector<char> m_buffer;
    layer::ReadArchive m_archive;
    std::exception_ptr m_pending; // thrown by m_in inside libarchive, rethrown outside its C frames
};

} // namespace strata::engine::image
