// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Scene 5 of UX.md: commit. Left, the container: its image's read-only
// layers and its amber read-write layer (copy-ups, whiteouts, new files
// counted from the union events). On `commit` the engine writes the layer
// (LayerWritten): the amber slab hardens (lock, grey-blue) and slides onto
// the new image's stack (ContainerCommitted), which is drawn from the new
// image's real layers; under each stack its `history`, the new image's one
// row longer.
//
// Kinds: "layer" (key "base:i" / "new:i", highlight "layer:N"),
// "container-layer" (key = container id; state writable, then committed: the
// container keeps it), "committed-layer" (its hardened copy), "commit-arrow",
// "history-row" (key "base:i" / "new:i"; state lit for the new row), "stack-label".

#include "scene/EventScene.h"

#include <QHash>

namespace strata::gui {

class BoxItem;

class CommitScene : public EventScene {
    Q_OBJECT
public:
    explicit CommitScene(QObject *parent = nullptr);
    void setSubject(const QString &subject) override;
    void onSnapshot(const EngineSnapshotPtr &s) override;
    void onDetail(const ImageDetailPtr &d) override;
    [[nodiscard]] QJsonObject dump() const override;
    [[nodiscard]] QString followed() const { return m_containerName; }

protected:
    void handle(const engine::events::Event &e) override;

private:
    void follow(const QString &containerId);
    void buildBase();
    void buildNew();
    void clearKind(const QString &kind, const QString &prefix = {});
    void addHistory(const QString &side, const ImageDetailPtr &d, qreal x, int newRows);
    [[nodiscard]] QRectF slabRect(qreal x, int index, int count) const;

    QHash<QString, QString> m_imageOf; // container id -> image ref
    QHash<QString, QString> m_nameOf;  // container id -> name
    QString m_containerId, m_containerName, m_baseRef, m_newImageId, m_newName;
    ImageDetailPtr m_base, m_new;
    BoxItem *m_rw = nullptr;
    BoxItem *m_copy = nullptr; // the hardened copy that slides onto the new image
    int m_modified = 0, m_deleted = 0, m_added = 0;
    qint64 m_size = 0;
    bool m_committed = false;
};

} // namespace strata::gui
