// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What every mechanism scene shares: it is fed the engine's events in order
// (and the snapshots and image details the engine thread sends), changes
// its items through one paced queue so each idea gets its own moment
// (300–600 ms, faster than the eye: drawn at once), keeps a caption that is
// re-said on a language switch, and lights the items a lesson names
// ("state:paused", "phase:pivot-root", "mount:/data", "layer:2", …).
// Items are found by data(0) kind and data(1) key; data(2) is their state.

#include "core/Snapshots.h"

#include <QGraphicsScene>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <functional>

class QGraphicsObject;

namespace strata::gui {

class BoxItem;
class ArrowItem;

// A console command around its engine call (EngineHost::commandStarted /
// commandFinished): the client–daemon round trip, a refusal's message, a
// command's output (`uname -r` inside a container).
struct SceneCommand {
    int id = 0;
    QStringList args;  // without a leading "strata"/"docker"
    bool finished = false;
    int exitCode = 0;
    QString output, error;
};

class EventScene : public QGraphicsScene {
    Q_OBJECT
public:
    EventScene(QString id, QObject *parent = nullptr);

    [[nodiscard]] QString id() const { return m_id; }
    void onEvents(const EventBatch &events);
    void onCommand(const SceneCommand &command);
    virtual void onSnapshot(const EngineSnapshotPtr &) {}
    virtual void onDetail(const ImageDetailPtr &) {}
    // What the lesson wants this scene to follow: a container, image or volume name.
    virtual void setSubject(const QString &subject) { m_subject = subject; }
    [[nodiscard]] QString subject() const { return m_subject; }
    void setHighlights(const QStringList &keys);
    [[nodiscard]] QStringList highlights() const { return m_highlights; }
    virtual void retranslate();

    [[nodiscard]] QString caption() const;
    // What the scene draws, for --dump-scene and tests: subject, highlighted
    // items, every keyed item (kind, key, state); scenes that draw image
    // layers add "layers" (diff ids bottom to top) and what else they stack.
    [[nodiscard]] virtual QJsonObject dump() const;
    [[nodiscard]] bool animating() const;
    void setSpeed(double speed) { m_speed = speed; }
    void setReducedMotion(bool on) { m_reducedMotion = on; }

    [[nodiscard]] QList<QGraphicsItem *> itemsOfKind(const QString &kind) const;
    [[nodiscard]] QGraphicsItem *item(const QString &kind, const QString &key) const;
    // data(2) of the item, or "" when there is none.
    [[nodiscard]] QString stateOf(const QString &kind, const QString &key) const;

    static constexpr qreal kWidth = 1180, kHeight = 780;

signals:
    void captionChanged(const QString &caption);
    void detailWanted(const QString &ref);  // the scene needs an image's layers and history
    void commandWanted(const QString &line); // a click asks for a command (run through the console)
    void settled();

protected:
    virtual void handle(const engine::events::Event &e) = 0;
    virtual void handleCommand(const SceneCommand &) {}
    void setCaption(std::function<QString()> caption);
    // Runs `apply` when the queue reaches it, then waits one beat before the next.
    void enqueue(std::function<void()> apply);
    [[nodiscard]] int beat() const;
    void pulse(QGraphicsObject *item);                 // a glow that rises and settles
    void travel(ArrowItem *arrow, bool back = false);  // a dot along an arrow
    // Moves `item` from `from` to `to` over one beat (at once with reduced motion).
    void glide(QGraphicsObject *item, const QPointF &from, const QPointF &to);
    void applyHighlights();
    [[nodiscard]] bool reducedMotion() const { return m_reducedMotion; }

    QString m_subject;

private:
    void runNext();

    QString m_id;
    std::function<QString()> m_caption;
    std::deque<std::function<void()>> m_queue;
    QTimer m_beat;
    QStringList m_highlights;
    double m_speed = 1.0;
    bool m_reducedMotion = false;
};

// Attribute helpers for event payloads.
[[nodiscard]] QString attrText(const nlohmann::json &a, const char *key);
[[nodiscard]] qint64 attrNumber(const nlohmann::json &a, const char *key);
[[nodiscard]] QStringList attrList(const nlohmann::json &a, const char *key);

} // namespace strata::gui
