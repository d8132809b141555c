// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// All-or-nothing for operations that add several things to the store (load,
// import): remembers which blobs and layers existed and the exact bytes of
// the image index; unless commit() is reached, the destructor removes every
// blob and layer added since and puts the index back, so a failed load
// leaves the store byte-for-byte as it was. Unlike garbageCollect() it
// removes only what this operation added: unreferenced leftovers from
// before are not ours to delete. Hold the store lock for the whole lifetime.

#include "engine/util/Digest.h"

#include <optional>
#include <set>
#include <string>

namespace strata::engine::image {

class ImageStore;

class StoreTransaction {
public:
    explicit StoreTransaction(ImageStore &store);
    ~StoreTransaction();
    StoreTransaction(const StoreTransaction &) = delete;
    StoreTransaction &operator=(const StoreTransaction &) = delete;

    void commit() { m_committed = true; }

private:
    void rollback();

    ImageStore &m_store;
    std::set<Digest> m_blobs;           // present before
    std::set<Digest> m_layers;          // chain ids present before
    std::optional<std::string> m_index; // images.json as it was; nullopt when absent
    bool m_committed = false;
};

} // namespace strata::engine::image
