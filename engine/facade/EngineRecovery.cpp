// SPDX-License-Identifier: GPL-3.0-or-later
// After a reboot: layers a load, pull or import published before their data
// was on the disk (store/PendingSync.h) go, with what uses them.
#include "engine/facade/EngineState.h"
#include "engine/Error.h"
#include "engine/image/LostLayers.h"

#include <iostream>
#include <set>

namespace strata::engine {

void Engine::Impl::dropLostLayers()
{
    bool dropped = false;
    try {
        std::vector<Digest> lost;
        for (const auto &l : staging.lostLayers())
            lost.push_back(l.chainId);
        const image::LostLayerDrop drop = image::planLostLayerDrop(images, lost);
        std::set<std::string> ids;
        for (const auto &img : drop.images)
            ids.insert(img.id.str());
        // Containers made from those images lose their lower layers: they go first.
        for (auto &r : containers.list()) {
            if (!ids.count(r.image))
                continue;
            const auto lifecycle = lockContainer(r.id);
            auto held = images.lock();
            destroy(r);
            std::cerr << "strata: container " << r.shortId() << " (" << r.plainName()
                      << ") removed: its image's layers may not have reached the disk before the machine stopped\n";
        }
        image::dropLostLayers(images, drop);
        for (const auto &img : drop.images)
            std::cerr << "strata: image " << image::describeDroppedImage(img) << " dropped: its layer "
                      << img.layer.str() << " may not have reached the disk before the machine stopped; load or pull it again\n";
        dropped = true;
    } catch (const std::exception &e) {
        std::cerr << "strata: dropping layers cut short by a reboot failed (tried again at the next start): "
                  << e.what() << "\n";
    }
    staging.lostLayersDropped(dropped);
}

} // namespace strata::engine
