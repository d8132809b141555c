// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/DiskUsage.h"

#include "engine/cli/format/HumanSize.h"

#include <algorithm>

namespace strata::gui {

quint64 DiskUsage::ownBytesTotal() const
{
    quint64 total = 0;
    for (const auto &c : containers)
        total += c.ownBytes;
    return total;
}

quint64 DiskUsage::withoutSharingBytes() const
{
    return imageBytes * static_cast<quint64>(std::max<qsizetype>(1, containers.size())) + ownBytesTotal();
}

DiskUsage DiskUsage::from(const EngineSnapshot *snapshot, const ImageDetail *detail)
{
    DiskUsage u;
    if (!detail)
        return u;
    u.imageRef = detail->ref;
    u.imageId = detail->id;
    for (const auto &l : detail->layers) {
        LayerUse lu;
        lu.index = l.index;
        lu.createdBy = QString::fromStdString(l.createdBy);
        lu.bytes = l.size;
        u.imageBytes += l.size;
        u.layers << lu;
    }
    for (const WastedItem &w : detail->wasted)
        if (w.layer >= 0 && w.layer < u.layers.size())
            u.layers[w.layer].hidden += w.bytes;
    u.wastedBytes = detail->wastedBytes;
    if (snapshot) {
        for (const auto &img : snapshot->images)
            if (img.id.str() == detail->id)
                u.imageBytes = img.size; // `docker images` SIZE: the same figure the CLI shows
        for (const auto &c : snapshot->containers) {
            if (c.imageId.str() != detail->id)
                continue;
            ContainerUse cu;
            cu.name = QString::fromStdString(c.name);
            cu.id = QString::fromStdString(c.id);
            const auto it = snapshot->containerLayerBytes.find(c.id);
            cu.ownBytes = it != snapshot->containerLayerBytes.end() ? it->second : 0;
            u.containers << cu;
        }
        std::sort(u.containers.begin(), u.containers.end(),
                  [](const ContainerUse &a, const ContainerUse &b) { return a.name < b.name; });
    }
    return u;
}

QString dockerSize(quint64 bytes)
{
    return QString::fromStdString(engine::cli::units::humanSizeWithPrecision(static_cast<double>(bytes), 3));
}

} // namespace strata::gui
