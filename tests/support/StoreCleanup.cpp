// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/StoreCleanup.h"

#include "engine/Engine.h"
#include "engine/lesson/ContainerSweep.h"

#include <QtGlobal>

#include <filesystem>

namespace strata::test {

bool clearStore(const QString &root)
{
    if (!std::filesystem::exists(root.toStdString() + "/containers"))
        return true; // not a store, or nothing was made there
    try {
        engine::EngineOptions o;
        o.root = root.toStdString();
        engine::Engine e(o);
        engine::lesson::removeEveryContainer(e, std::chrono::seconds(60));
        (void)e.pruneNetworks();
        return e.containers(true).empty();
    } catch (const std::exception &ex) {
        qWarning("clearing the store %s: %s", qPrintable(root), ex.what());
        return false;
    }
}

} // namespace strata::test
