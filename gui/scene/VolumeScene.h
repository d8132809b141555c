// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Scene 6 of UX.md: volumes. The container's union on the left (merged view,
// its amber read-write layer, the read-only layers below), each volume or
// bind mount as a green box on the right with a pipe from its mount point in
// the merged view (MountAdded: the real host path and destination). Files
// the container adds land as tiles: in the amber layer from the union events
// (UpperPathAdded, CopiedUp), in the green box from the volume's directory
// as the engine's refresh lists it — a write under the mount goes down the
// pipe, never into amber. `rm` leaves the amber layer a ghost and the green
// box standing (ContainerRemoved); `volume rm` takes the box (VolumeRemoved).
//
// Kinds: "union" (key merged/rw/image; rw state lit/gone), "mount-point"
// (key destination, highlight "mount:/data"), "pipe" (key destination),
// "volume" (key name; state lit/kept/gone), "container-file" (key path),
// "volume-file" (key path as the container sees it: "/data/note.txt").

#include "scene/EventScene.h"

#include <QHash>
#include <QSet>

namespace strata::gui {

class BoxItem;

class VolumeScene : public EventScene {
    Q_OBJECT
public:
    explicit VolumeScene(QObject *parent = nullptr);
    void setSubject(const QString &subject) override;
    void onSnapshot(const EngineSnapshotPtr &s) override;
    [[nodiscard]] QString followed() const { return m_containerName; }

protected:
    void handle(const engine::events::Event &e) override;

private:
    struct Mount {
        QString type, name, source, destination;
        bool ro = false;
    };
    void follow(const QString &containerId);
    void layoutMounts();
    void drawRemoved(); // the followed container's layer and files gone, its volumes kept
    void addContainerFile(const QString &path, const QString &mark);
    void addVolumeFile(const QString &volume, const QString &path, quint64 bytes);
    [[nodiscard]] BoxItem *box(const QString &kind, const QString &key) const;

    QHash<QString, QString> m_nameOf;            // container id -> name
    QHash<QString, QList<Mount>> m_mountsOf;     // container id -> mounts
    QHash<QString, QSet<QString>> m_volumeFiles; // volume -> files seen
    QString m_containerId, m_containerName;
    QString m_target; // the container followed once the queue gets there
    int m_layers = 0;
    bool m_goneShown = false; // the followed container is gone and was drawn so once
};

} // namespace strata::gui
