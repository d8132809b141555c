// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/events/EventBus.h"

#include <algorithm>

namespace strata::engine::events {

EventBus::Subscription EventBus::subscribe(Handler handler)
{
    std::lock_guard lock(m_mutex);
    const Subscription id = m_next++;
    m_handlers.emplace_back(id, std::move(handler));
    return id;
}

void EventBus::unsubscribe(Subscription id)
{
    std::lock_guard lock(m_mutex);
    std::erase_if(m_handlers, [id](const auto &h) { return h.first == id; });
}

void EventBus::publish(const Event &event) const
{
    std::vector<Handler> handlers;
    {
        std::lock_guard lock(m_mutex);
        handlers.reserve(m_handlers.size());
        for (const auto &h : m_handlers)
            handlers.push_back(h.second);
    }
    for (const auto &h : handlers) {
        try {
            h(event);
        } catch (...) {
        }
    }
}

void EventBus::publish(EventKind kind, std::string id, nlohmann::json attrs) const
{
    publish(makeEvent(kind, std::move(id), std::move(attrs)));
}

} // namespace strata::engine::events
