// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/EventPump.h"

#include <QMetaObject>
#include <QTimer>

#include <unordered_map>

namespace strata::gui {

using engine::events::EventKind;

EventPump::EventPump(QObject *parent) : QObject(parent)
{
    m_sinceFlush.start();
}

void EventPump::push(const engine::events::Event &event)
{
    bool schedule = false;
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(event);
        ++m_received;
        schedule = !m_scheduled;
        m_scheduled = true;
    }
    if (schedule)
        QMetaObject::invokeMethod(this, &EventPump::flush, Qt::QueuedConnection);
}

std::size_t EventPump::received() const
{
    std::lock_guard lock(m_mutex);
    return m_received;
}

EventBatch EventPump::coalesce(const EventBatch &in)
{
    auto collapsible = [](EventKind k) { return k == EventKind::LayerProgress || k == EventKind::Progress; };
    std::unordered_map<std::string, int> last; // kind|id -> index of its last event
    for (int i = 0; i < in.size(); ++i)
        if (collapsible(in[i].kind))
            last[std::to_string(static_cast<int>(in[i].kind)) + "|" + in[i].id] = i;
    EventBatch out;
    out.reserve(in.size());
    for (int i = 0; i < in.size(); ++i) {
        if (collapsible(in[i].kind) &&
            last[std::to_string(static_cast<int>(in[i].kind)) + "|" + in[i].id] != i)
            continue;
        out.push_back(in[i]);
    }
    return out;
}

void EventPump::flush()
{
    const qint64 elapsed = m_sinceFlush.elapsed();
    if (elapsed < kIntervalMs) {
        QTimer::singleShot(static_cast<int>(kIntervalMs - elapsed), this, &EventPump::flush);
        return;
    }
    EventBatch taken;
    {
        std::lock_guard lock(m_mutex);
        taken.swap(m_queue);
        m_scheduled = false;
    }
    m_sinceFlush.restart();
    if (!taken.isEmpty())
        emit batch(coalesce(taken));
}

} // namespace strata::gui
