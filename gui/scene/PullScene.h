// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Issue 15's pull scene (and push, the other way): the registry on the left,
// one bar per layer of the image in the middle (bottom layer lowest), the
// local store's slabs on the right. LayerTransfer events fill a bar as bytes
// arrive (Docker's words under it: Downloading, Extracting, Pull complete);
// a layer the store already has lights "Already exists" and a line to the
// slab it shares. ImagePulled/ImagePushed print the digest, checked. When it
// opens, the bars and slabs come from state: the subject image's layers.
//
// Kinds: "registry" (key = registry host), "layer-bar" (key = index from 0 at
// the bottom, highlight "layer:N"; state idle/lit/done/kept), "local-layer"
// (key = short diff id; state done, lit when shared), "shared" (the line from
// a bar to its slab), "digest" (state idle/done). dump() adds "direction",
// "ref", "bars" [{index, layer, status, current, total, diff_id}] and "digest".

#include "scene/EventScene.h"

#include <QVector>

class QGraphicsRectItem;

namespace strata::gui {

class BoxItem;

class PullScene : public EventScene {
    Q_OBJECT
public:
    explicit PullScene(QObject *parent = nullptr);
    void setSubject(const QString &subject) override;
    void onSnapshot(const EngineSnapshotPtr &s) override;
    [[nodiscard]] QJsonObject dump() const override;

protected:
    void handle(const engine::events::Event &e) override;

private:
    struct Bar {
        QString layer, status, diffId;
        qint64 current = 0, total = 0;
        BoxItem *box = nullptr;
        QGraphicsRectItem *fill = nullptr;
    };
    void startTransfer(const QString &ref, const QString &registry, bool push, int count);
    void updateBar(int index, const QString &layer, const QString &status, qint64 current, qint64 total, const QString &diffId);
    void finish(const QString &digest, bool push);
    void drawLocal(const std::vector<std::string> &diffIds);
    void drawBarsFromState(const std::vector<std::string> &diffIds);
    void clearBars();
    void linkShared(int index);
    [[nodiscard]] QRectF barRect(int index, int count) const;

    EngineSnapshotPtr m_snapshot;
    QVector<Bar> m_bars;
    QString m_ref, m_registry, m_digest;
    bool m_push = false;
    bool m_transferring = false;
    BoxItem *m_registryBox = nullptr;
    BoxItem *m_digestBox = nullptr;
};

} // namespace strata::gui
