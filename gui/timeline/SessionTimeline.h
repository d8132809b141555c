// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Every step of the session's drawing, in the order the live scene received
// it: engine events (as EventPump delivered them) and the image details the
// window showed. Replaying entries 0..k into a fresh LayerStackScene rebuilds
// the picture as it stood at entry k — the drawing is rewound, never the
// engine (UX.md, Motion: "Reverse replays the drawing backwards").

#include "core/Snapshots.h"

#include <QElapsedTimer>
#include <QObject>

#include <vector>

namespace strata::gui {

class LayerStackScene;

struct TimelineEntry {
    enum class Kind { Event, Image };
    Kind kind = Kind::Event;
    engine::events::Event event; // Kind::Event
    ImageDetailPtr detail;       // Kind::Image (null: the scene was cleared)
    qint64 ms = 0;               // since the session started
};

class SessionTimeline : public QObject {
    Q_OBJECT
public:
    explicit SessionTimeline(QObject *parent = nullptr);

    // Call exactly where the live scene is fed, in the same order.
    void recordEvents(const EventBatch &events);
    void recordImage(const ImageDetailPtr &detail);

    [[nodiscard]] int size() const { return static_cast<int>(m_entries.size()); }
    [[nodiscard]] const TimelineEntry &at(int k) const { return m_entries[static_cast<std::size_t>(k)]; }
    // One line for the scrubber: "12 · layer extract · 0.8 s".
    [[nodiscard]] QString describe(int k) const;

    // Feeds entry k to a scene (animated as the scene animates).
    void apply(int k, LayerStackScene &scene) const;
    // Rebuilds entries 0..k into `scene` (cleared first) with no animation.
    void replay(int k, LayerStackScene &scene) const;

signals:
    void appended(int size);

private:
    std::vector<TimelineEntry> m_entries;
    QElapsedTimer m_clock;
};

} // namespace strata::gui
