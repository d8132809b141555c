// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Keeps the bytes of a layer being ingested exactly once. It sits between
// the source and the applier and sees every byte as it is read:
// - a compressed blob is written to blobs/ as received (on a second thread,
//   BackgroundBlobWriter), since the unpacked files cannot give it back;
// - an uncompressed one (the usual docker-archive layer.tar) is not copied:
//   the layer's tar-split (layer/TarSplit.h) records the headers and which
//   file holds which data, and the blob is rebuilt from the tree on save.
// The split needs root: an unprivileged store may hold files its owner
// cannot read back (mode 0000), so it keeps the blob instead.

#include "engine/layer/ByteStream.h"
#include "engine/layer/TarSplit.h"
#include "engine/store/BlobStore.h"
#include "engine/image/BackgroundBlobWriter.h"

#include <filesystem>
#include <memory>
#include <optional>

namespace strata::engine::image {

class LayerBlobKeeper final : public layer::ByteSource, public layer::PayloadObserver {
public:
    // `layerDir` is the staging layer directory (its diff/ is being filled).
    LayerBlobKeeper(layer::ByteSource &in, store::BlobStore &blobs, std::filesystem::path layerDir, bool mayKeepSplit);
    ~LayerBlobKeeper() override;

    std::size_t read(void *buffer, std::size_t size) override;
    void fileWriting(std::int64_t offset, std::int64_t size, const std::string &path) override;
    void beforeRemove(int rootFd, const std::string &path) override;

    // After the layer is unpacked and its diff_id checked: `blob` is the
    // digest of every byte read. Commits the blob (or finishes the split)
    // and checks it against `expected`. Returns the blob digest.
    Digest commit(const Digest &blob, const std::optional<Digest> &expected);

private:
    void start(const void *head, std::size_t size);

    layer::ByteSource &m_in;
    store::BlobStore &m_blobs;
    std::filesystem::path m_layerDir;
    bool m_maySplit;
    bool m_started = false;
    std::unique_ptr<layer::TarSplitWriter> m_split;
    std::optional<store::BlobStore::Writer> m_blob;
    std::unique_ptr<BackgroundBlobWriter> m_writer;
};

} // namespace strata::engine::image
