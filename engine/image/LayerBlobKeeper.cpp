// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/LayerBlobKeeper.h"

#include "engine/Error.h"
#include "engine/layer/LayerApplier.h"

namespace strata::engine::image {

LayerBlobKeeper::LayerBlobKeeper(layer::ByteSource &in, store::BlobStore &blobs, std::filesystem::path layerDir,
                                 bool mayKeepSplit)
    : m_in(in), m_blobs(blobs), m_layerDir(std::move(layerDir)), m_maySplit(mayKeepSplit)
{
}

// The writer thread must stop before the Writer it writes to goes away.
LayerBlobKeeper::~LayerBlobKeeper()
{
    m_writer.reset();
}

void LayerBlobKeeper::start(const void *head, std::size_t size)
{
    m_started = true;
    if (m_maySplit && layer::detectCompression(head, size) == layer::Compression::None) {
        m_split = std::make_unique<layer::TarSplitWriter>(m_layerDir);
        return;
    }
    m_blob.emplace(m_blobs.writer());
    m_writer = std::make_unique<BackgroundBlobWriter>(*m_blob);
}

std::size_t LayerBlobKeeper::read(void *buffer, std::size_t size)
{
    const std::size_t n = m_in.read(buffer, size);
    if (!m_started)
        start(buffer, n);
    if (m_split)
        m_split->consume(buffer, n);
    else
        m_writer->write(buffer, n);
    return n;
}

void LayerBlobKeeper::fileWriting(std::int64_t offset, std::int64_t size, const std::string &path)
{
    if (m_split)
        m_split->fileWriting(offset, size, path);
}

void LayerBlobKeeper::beforeRemove(int rootFd, const std::string &path)
{
    if (m_split)
        m_split->beforeRemove(rootFd, path);
}

Digest LayerBlobKeeper::commit(const Digest &blob, const std::optional<Digest> &expected)
{
    if (!m_started)
        start(nullptr, 0);
    if (m_split) {
        if (expected && *expected != blob)
            throw Error(ErrorCode::DigestMismatch, "content hashes to " + blob.str() + ", expected " + expected->str());
        m_split->finish();
        return blob;
    }
    m_writer->finish();
    return m_blob->commit(expected);
}

} // namespace strata::engine::image
