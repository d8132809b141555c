// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Plain data the engine thread hands to the GUI thread. Immutable once sent
// (shared_ptr to const), so both threads may read them without locks.

#include "core/ExplorerTree.h"
#include "engine/Engine.h"
#include "engine/events/Event.h"
#include "engine/fs/WastedSpace.h"

#include <QMetaType>
#include <QString>
#include <QVector>

#include <memory>

namespace strata::gui {

struct EngineSnapshot {
    engine::EngineInfo info;
    std::vector<engine::ImageSummary> images;
    std::vector<engine::ContainerSummary> containers;
    std::map<std::string, std::string> containerInspect; // id -> `inspect` JSON, pretty
    std::map<std::string, std::uint64_t> containerLayerBytes; // id -> own read-write layer bytes (SizeRw)
    // id -> the container's layer as `diff` lists it (A/C/D, first lines only) and
    // the counts of each kind: what a scene draws for a container it did not see made
    struct LayerChanges {
        int added = 0, changed = 0, deleted = 0;
        std::vector<engine::ContainerChangeLine> first;
    };
    std::map<std::string, LayerChanges> containerChanges;
    std::map<std::string, std::vector<std::string>> imageDiffIds; // image id -> RootFS.Layers, bottom first
    std::vector<engine::VolumeSummary> volumes;
    std::map<std::string, std::string> volumeInspect; // name -> `volume inspect` JSON
    // name -> the first files in the volume's directory (path relative to it, bytes):
    // what the volumes scene shows arriving there instead of in the container's layer
    std::map<std::string, std::vector<std::pair<std::string, std::uint64_t>>> volumeFiles;
    // `network inspect` of every network (built-ins first), with its attached
    // Containers: what the network scene draws (ports: containerInspect)
    std::vector<engine::image::Json> networks;
};
using EngineSnapshotPtr = std::shared_ptr<const EngineSnapshot>;

// One path hidden in the merged view, and why (dive's "wasted space").
using WastedItem = engine::fs::WastedFile; // computed by the engine (engine/fs/WastedSpace)

// Everything the explorer and the layer-stack scene show for one image.
struct ImageDetail {
    QString ref;
    std::string id;
    std::vector<engine::LayerView> layers;
    std::shared_ptr<const engine::fs::UnionView> view;
    std::shared_ptr<const ExplorerTree> merged;
    std::vector<std::shared_ptr<const ExplorerTree>> perLayer;
    std::vector<WastedItem> wasted;
    std::uint64_t wastedBytes = 0;
    std::string inspectJson; // Docker-shaped `image inspect`, pretty
    std::string lowerDirs;   // GraphDriver.Data.LowerDir (":"-joined, nearest first)
    std::string upperDir;    // GraphDriver.Data.UpperDir (the top layer's diff)
    std::string workDir;
    std::string mergedDir;
    std::vector<engine::HistoryRow> history; // `history`, newest first
};
using ImageDetailPtr = std::shared_ptr<const ImageDetail>;

using EventBatch = QVector<engine::events::Event>;

void registerSnapshotTypes();

} // namespace strata::gui

Q_DECLARE_METATYPE(strata::gui::EngineSnapshotPtr)
Q_DECLARE_METATYPE(strata::gui::ImageDetailPtr)
Q_DECLARE_METATYPE(strata::gui::EventBatch)
