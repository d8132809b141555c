// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Delivers every engine event to its subscribers, synchronously, on the thread
// that does the work. Front ends that live on another thread (the GUI) re-post
// what they receive; the engine itself knows nothing of them.

#include "engine/events/Event.h"

#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

namespace strata::engine::events {

class EventBus {
public:
    using Handler = std::function<void(const Event &)>;
    using Subscription = std::uint64_t;

    // Thread-safe. A handler must not throw; exceptions are swallowed so one
    // broken observer cannot abort the engine's work half-way.
    Subscription subscribe(Handler handler);
    void unsubscribe(Subscription id);
    void publish(const Event &event) const;
    void publish(EventKind kind, std::string id, nlohmann::json attrs = nlohmann::json::object()) const;

private:
    mutable std::mutex m_mutex;
    std::vector<std::pair<Subscription, Handler>> m_handlers;
    Subscription m_next = 1;
};

} // namespace strata::engine::events
