// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/store/StoreLock.h"

#include "engine/Error.h"
#include "engine/util/HeldFlocks.h"

#include <mutex>

namespace strata::engine::store {
namespace {

// Nested holders in one process share one flock (util/HeldFlocks.h); a
// recursive mutex, held from constructor to destructor, makes other threads
// of this process wait as other processes do.
std::recursive_mutex g_processMutex;
util::HeldFlocks g_flocks;

} // namespace

StoreLock::StoreLock(const std::filesystem::path &lockFile) : m_key(lockFile.string())
{
    std::unique_lock guard(g_processMutex);
    if (const int err = g_flocks.acquire(m_key, 0644))
        throwErrno("open lock " + m_key, err);
    guard.release(); // stays locked until the destructor
}

StoreLock::~StoreLock()
{
    g_flocks.release(m_key);
    g_processMutex.unlock();
}

} // namespace strata::engine::store
