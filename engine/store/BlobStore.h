// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Content-addressed blobs: blobs/sha256/<hex>. Contract (after umoci's cas):
// - put*/Writer::commit are idempotent: storing bytes that are already there
//   is a no-op that returns the same digest;
// - a blob becomes visible only complete (temp file in tmp/, fsync, rename);
// - every read verifies the digest (DigestMismatch names the blob);
// - errors: NotFound for a missing blob, DigestMismatch, Io.

#include "engine/util/Digest.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::engine::store {

class StoreLayout;

class BlobStore {
public:
    explicit BlobStore(const StoreLayout &layout);

    [[nodiscard]] bool has(const Digest &digest) const;
    [[nodiscard]] std::uint64_t size(const Digest &digest) const;
    // Reads and verifies a (small) blob: configs, manifests, indexes.
    [[nodiscard]] std::string read(const Digest &digest) const;
    // Stores bytes; when `expected` is given, a different hash is DigestMismatch.
    Digest put(std::string_view bytes, const std::optional<Digest> &expected = std::nullopt);
    void remove(const Digest &digest);
    [[nodiscard]] std::vector<Digest> list() const;
    // For streaming large blobs (layers) out to archives: the verified file.
    [[nodiscard]] std::filesystem::path pathFor(const Digest &digest) const;
    // Verifies the blob on disk hashes to its name (streams, does not load).
    void verify(const Digest &digest) const;

    // Streams a large blob in: write(), then commit() once.
    class Writer {
    public:
        Writer(Writer &&) noexcept;
        ~Writer(); // discards the temp file unless committed
        void write(const void *data, std::size_t size);
        // fsyncs, verifies against `expected` if given, renames into place.
        Digest commit(const std::optional<Digest> &expected = std::nullopt);
        [[nodiscard]] std::uint64_t bytes() const { return m_hash.bytes(); }

    private:
        friend class BlobStore;
        Writer(const BlobStore &store, std::filesystem::path tmp, int fd);
        const BlobStore *m_store;
        std::filesystem::path m_tmp;
        int m_fd;
        Sha256 m_hash;
    };
    [[nodiscard]] Writer writer() const;

private:
    std::filesystem::path m_dir;
    std::filesystem::path m_tmp;
};

} // namespace strata::engine::store
