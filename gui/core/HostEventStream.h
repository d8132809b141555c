// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A host's /events stream read on a thread of its own (a stream blocks until
// the host says something). Dropping the object stops the callbacks at
// once; the thread itself leaves at the host's next message or when the
// connection ends, owning nothing of the caller's (it cannot be woken
// earlier from outside curl).

#include "engine/remote/HostUrl.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>

namespace strata::gui {

class HostEventStream {
public:
    using OnMessage = std::function<void(const nlohmann::json &)>;
    using OnEnd = std::function<void(const std::string &error)>;

    // `since`: unix seconds (events from then on). `onEnd` gets one line naming
    // the host and why the stream ended; neither callback runs after ~HostEventStream.
    HostEventStream(engine::remote::HostUrl url, std::string since, OnMessage onMessage, OnEnd onEnd);
    ~HostEventStream();
    HostEventStream(const HostEventStream &) = delete;
    HostEventStream &operator=(const HostEventStream &) = delete;

private:
    struct Shared;
    std::shared_ptr<Shared> m_shared;
};

} // namespace strata::gui
