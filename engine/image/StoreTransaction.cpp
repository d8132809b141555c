// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/StoreTransaction.h"

#include "engine/image/ImageStore.h"
#include "engine/util/Fs.h"

#include <unistd.h>

namespace strata::engine::image {

StoreTransaction::StoreTransaction(ImageStore &store) : m_store(store)
{
    for (const auto &b : store.blobs().list())
        m_blobs.insert(b);
    for (const auto &l : store.layers().list())
        m_layers.insert(l.chainId);
    const auto indexFile = store.layout().imageIndexFile();
    if (::access(indexFile.c_str(), F_OK) == 0)
        m_index = fsutil::readFile(indexFile);
}

StoreTransaction::~StoreTransaction()
{
    if (m_committed)
        return;
    try {
        rollback();
    } catch (...) {
        // A destructor runs while the original error propagates: that error is
        // the one to report; what is left over, garbageCollect() removes later.
    }
}

void StoreTransaction::rollback()
{
    // The index first, so that no image ever points at a removed layer.
    const auto indexFile = m_store.layout().imageIndexFile();
    if (!m_index)
        ::unlink(indexFile.c_str());
    else if (::access(indexFile.c_str(), F_OK) != 0 || fsutil::readFile(indexFile) != *m_index)
        fsutil::writeFileAtomic(indexFile, *m_index, m_store.layout().tmpDir());
    auto &bus = m_store.bus();
    for (const auto &l : m_store.layers().list()) {
        if (m_layers.count(l.chainId))
            continue;
        m_store.layers().remove(l.chainId);
        bus.publish(events::EventKind::LayerRemoved, l.chainId.str(), {{"diff_id", l.diffId.str()}, {"rollback", true}});
    }
    for (const auto &b : m_store.blobs().list()) {
        if (m_blobs.count(b))
            continue;
        m_store.blobs().remove(b);
        bus.publish(events::EventKind::BlobRemoved, b.str(), {{"rollback", true}});
    }
}

} // namespace strata::engine::image
