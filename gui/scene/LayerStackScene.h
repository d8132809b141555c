// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Scenes 1 and 2 of UX.md, drawn from real engine events and data:
// the read-only layer stack (slabs drop in as layers are extracted), the
// merged plane above it (each file tile beams down to the layer that
// provides it; rings mark the copies it shadows), container layers on top
// (one amber slab per container over the shared stack) and copy-on-write:
// copy-up tiles rising from their lower slab with both hashes, whiteout
// tiles, new files. Labels lowerdir/upperdir/workdir/merged carry the real
// paths from inspect and from the union mount event.
//
// Animations follow events in order through one queue; when events come
// faster than the eye, the backlog is drawn at once and counters tell the
// rest.

#include "core/Snapshots.h"

#include <QGraphicsScene>
#include <QHash>
#include <QJsonObject>
#include <QPointer>

#include <deque>
#include <functional>

class QAbstractAnimation;
class QGraphicsObject;

namespace strata::gui {

class SlabItem;
class TileItem;
class PlaneItem;
class DirLabelItem;

class LayerStackScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit LayerStackScene(QObject *parent = nullptr);

    void showImage(const ImageDetailPtr &detail);
    void onEvents(const EventBatch &events);
    // The engine's state: the containers drawn are exactly the snapshot's
    // containers of the image shown (removed ones go, existing ones appear).
    void onSnapshot(const EngineSnapshotPtr &snapshot);
    // Live scene: an event about a container of another image asks for that
    // image (imageWanted) and waits until it is shown instead of being drawn
    // on the wrong stack. Off for the timeline's replay scene.
    void setFollowSubject(bool on) { m_followSubject = on; }
    // The container a click or a lesson names: its slab is lit and captioned.
    void setSubjectContainer(const QString &idOrName);
    [[nodiscard]] QString subjectContainer() const { return m_subjectContainer; }
    // What the scene draws, for --dump-scene and tests: image, layer digests
    // bottom to top, containers, layers committed on this stack, highlights.
    [[nodiscard]] QJsonObject dump() const;

    // 1 = normal; 2 = twice as fast. Reduced motion: fades instead of moves.
    void setSpeed(double speed) { m_speed = speed; }
    void setReducedMotion(bool on) { m_reducedMotion = on; }
    [[nodiscard]] bool animating() const;
    // Jumps every queued animation to its end state now (timeline replay).
    void finishAnimations();
    // Back to an empty scene, as if just made (timeline replay).
    void reset();
    [[nodiscard]] QString caption() const { return m_caption; }
    [[nodiscard]] ImageDetailPtr detail() const { return m_detail; }

    // Items by kind ("layer", "container-layer", "tile-copyup", "tile-whiteout",
    // "tile-added", "tile-merged", "beam", "dir-label"), for tests and the legend.
    [[nodiscard]] QList<QGraphicsItem *> itemsOfKind(const QString &kind) const;
    [[nodiscard]] SlabItem *containerSlab(const QString &id) const;
    [[nodiscard]] int layerSlabCount() const { return static_cast<int>(m_layers.size()); }

    void selectPath(const QString &path);
    [[nodiscard]] QString selectedPath() const { return m_selectedPath; }
    void highlightLayer(int layer, bool on); // layer index, bottom = 0 (hover, lessons' "layer:N")
    void retranslate();

    static constexpr qreal kWidth = 1180, kHeight = 780;

signals:
    void captionChanged(const QString &caption);
    void pathClicked(const QString &path);
    void imageWanted(const QString &ref); // a container of that image changed: show it
    void settled(); // the animation queue ran dry

private:
    void clearStack();
    void layoutStack(bool animate);
    [[nodiscard]] QRectF slabRect(int index, int count) const;
    [[nodiscard]] QRectF containerRect(int index, int count) const;
    SlabItem *addLayerSlab(int index, int count);
    SlabItem *ensureContainer(const QString &id);
    void layoutContainers();
    void buildPlane();
    void buildDirLabels();
    void setCaption(const QString &text);
    void handle(const engine::events::Event &e);
    void copyUpTile(const engine::events::Event &e, Mark mark);
    void commitContainer(const QString &containerId, const engine::events::Event &written);
    void syncContainers();
    void removeContainerSlab(const QString &id);
    [[nodiscard]] QString containerIdOf(const engine::events::Event &e) const;
    [[nodiscard]] QString imageOfContainer(const QString &id) const;
    [[nodiscard]] bool isShownImage(const QString &image) const;
    [[nodiscard]] QString refOfImage(const QString &image) const;

    using Maker = std::function<QAbstractAnimation *(int durationMs)>;
    void enqueue(Maker make);
    void runNext();
    [[nodiscard]] int duration() const;
    QAbstractAnimation *appear(QGraphicsObject *item, QPointF to, QPointF from);

    ImageDetailPtr m_detail;
    std::vector<QPointer<SlabItem>> m_layers; // bottom = 0
    std::vector<QPointer<SlabItem>> m_containers;
    std::vector<QPointer<SlabItem>> m_committed; // new images' layers, beside the containers they came from
    EngineSnapshotPtr m_snapshot;
    QHash<QString, QString> m_containerImage;   // container id -> image (id or ref as typed), from events
    std::vector<engine::events::Event> m_deferred; // container events waiting for their image to be shown
    QString m_subjectContainer;
    bool m_followSubject = false;
    QPointer<PlaneItem> m_plane;
    std::vector<QPointer<TileItem>> m_planeTiles;
    std::vector<QGraphicsItem *> m_beams;
    std::vector<QPointer<DirLabelItem>> m_dirLabels;
    std::deque<Maker> m_queue;
    QPointer<QAbstractAnimation> m_running;
    bool m_loading = false; // slabs built from extract events, detail not yet shown
    double m_speed = 1.0;
    bool m_reducedMotion = false;
    bool m_instant = false; // finishAnimations(): every queued animation jumps to its end
    QString m_caption;
    QString m_selectedPath;
    QString m_mountLower, m_mountUpper, m_mountWork, m_mountMerged;
};

} // namespace strata::gui
