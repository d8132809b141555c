// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The numbers the charts draw, derived on the GUI thread from data the
// engine thread already computed (EngineSnapshot: containers and their own
// layer bytes; ImageDetail: layer sizes and the files upper layers hide).
// The GUI never reads the store itself.
//
// Note 002's point: N containers on one image cost the image once plus each
// container's thin read-write layer (141 MB + N × ~1 KB), not N × 141 MB.

#include "core/Snapshots.h"

#include <QString>
#include <QVector>

namespace strata::gui {

struct ContainerUse {
    QString name, id;
    quint64 ownBytes = 0; // the container's read-write layer (SizeRw)
};

struct LayerUse {
    int index = 0;
    QString createdBy;
    quint64 bytes = 0;  // the layer's content
    quint64 hidden = 0; // bytes of its files shadowed or deleted by upper layers (wasted)
};

struct DiskUsage {
    QString imageRef;
    std::string imageId;
    quint64 imageBytes = 0; // shared by every container of the image
    QVector<ContainerUse> containers;
    QVector<LayerUse> layers;
    quint64 wastedBytes = 0;

    [[nodiscard]] quint64 ownBytesTotal() const;
    // What the disk holds: the image once plus each container's own layer.
    [[nodiscard]] quint64 actualBytes() const { return imageBytes + ownBytesTotal(); }
    // What it would hold if every container copied the image.
    [[nodiscard]] quint64 withoutSharingBytes() const;

    static DiskUsage from(const EngineSnapshot *snapshot, const ImageDetail *detail);
};

// Sizes as `docker ps -s` and `docker images` print them: "141MB", "1.09kB".
[[nodiscard]] QString dockerSize(quint64 bytes);

} // namespace strata::gui
