// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/StoreCleanup.h"

#include "engine/Engine.h"

namespace strata::test {

void clearStore(const QString &root)
{
    try {
        engine::EngineOptions o;
        o.root = root.toStdString();
        engine::Engine e(o);
        for (const auto &c : e.containers(true))
            e.removeContainer(c.id, true, true);
        (void)e.pruneNetworks();
    } catch (const std::exception &) {
        // not a store, or nothing was made there
    }
}

} // namespace strata::test
