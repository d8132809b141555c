// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Carries engine events from the engine thread to the GUI thread, queued and
// coalesced: at most ~30 batches a second whatever the engine's rate, and
// progress events of one subject collapsed to the latest. Extracting 10,000
// files therefore costs the GUI a handful of repaints, not 10,000.

#include "core/Snapshots.h"

#include <QElapsedTimer>
#include <QObject>

#include <mutex>

namespace strata::gui {

class EventPump : public QObject {
    Q_OBJECT
public:
    explicit EventPump(QObject *parent = nullptr);

    // Any thread.
    void push(const engine::events::Event &event);
    [[nodiscard]] std::size_t received() const;

    static constexpr int kIntervalMs = 33;

    // Collapses progress events (same kind and subject) to the last one.
    static EventBatch coalesce(const EventBatch &in);

signals:
    void batch(const strata::gui::EventBatch &events);

private:
    void flush();

    mutable std::mutex m_mutex;
    EventBatch m_queue;
    bool m_scheduled = false;
    std::size_t m_received = 0;
    QElapsedTimer m_sinceFlush;
};

} // namespace strata::gui
