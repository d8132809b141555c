// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Scene 9 of UX.md: save/load beside export/import. Left lane: an image is
// saved (ImageSaved) with every layer, its config and history, and loaded
// back (ImageLoaded) as the same stack. Right lane: a container's merged
// file system is exported (ContainerExported) as one flat tar and imported
// (ImageImported) as an image of one layer with one history row. Each
// result is drawn from the real image (layers and `history` of its detail).
//
// Kinds: "lane" (save, export), "source-layer" (key "save:i"/"export:i"),
// "archive" (key save/export; state idle/lit), "result-layer" (key
// "load:i"/"import:i"), "history" (key save/load/import; data(HistoryRowsData) = rows).

#include "scene/EventScene.h"

namespace strata::gui {

class ArchiveScene : public EventScene {
    Q_OBJECT
public:
    explicit ArchiveScene(QObject *parent = nullptr);
    void onSnapshot(const EngineSnapshotPtr &s) override;
    void onDetail(const ImageDetailPtr &d) override;

    static constexpr int HistoryRowsData = 16; // past SceneItems.h's ItemData keys (4, 5: text sizes and rectangles)

protected:
    void handle(const engine::events::Event &e) override;

private:
    void drawStack(const QString &kind, const QString &side, qreal x, qreal bottom, const ImageDetailPtr &d, bool amberTop);
    void drawHistory(const QString &key, qreal x, qreal y, const ImageDetailPtr &d);
    void clear(const QString &kind, const QString &prefix);

    QString m_savedId, m_loadedId, m_exportedImage, m_importedId, m_exportedContainer;
    std::map<std::string, std::string> m_imageOfContainer; // container id -> image ref
    ImageDetailPtr m_saved, m_loaded, m_exportBase, m_imported;
    qint64 m_exportEntries = 0, m_exportBytes = 0;
    QString m_saveOutput, m_exportOutput;
};

} // namespace strata::gui
