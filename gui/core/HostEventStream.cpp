// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/HostEventStream.h"

#include "engine/remote/RemoteHost.h"

#include <mutex>
#include <thread>

namespace strata::gui {

struct HostEventStream::Shared {
    std::mutex mutex;
    bool stopped = false;
    OnMessage onMessage;
    OnEnd onEnd;
};

HostEventStream::HostEventStream(engine::remote::HostUrl url, std::string since, OnMessage onMessage, OnEnd onEnd)
    : m_shared(std::make_shared<Shared>())
{
    m_shared->onMessage = std::move(onMessage);
    m_shared->onEnd = std::move(onEnd);
    std::thread([shared = m_shared, url = std::move(url), since = std::move(since)] {
        std::string why;
        try {
            engine::remote::RemoteHost host(url);
            host.events(since, {}, [&](const nlohmann::json &message) {
                std::lock_guard lock(shared->mutex);
                if (shared->stopped)
                    return false;
                shared->onMessage(message);
                return true;
            });
            why = host.api().errorPrefix() + "the event stream ended";
        } catch (const std::exception &e) {
            why = e.what();
        }
        std::lock_guard lock(shared->mutex);
        if (!shared->stopped)
            shared->onEnd(why);
    }).detach();
}

HostEventStream::~HostEventStream()
{
    std::lock_guard lock(m_shared->mutex);
    m_shared->stopped = true;
    m_shared->onMessage = nullptr;
    m_shared->onEnd = nullptr;
}

} // namespace strata::gui
