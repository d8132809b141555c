// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/remote/HostExitWait.h"

#include "engine/Error.h"
#include "engine/remote/ApiClient.h"
#include "engine/util/JsonDepth.h"

#include <chrono>

namespace strata::engine::remote {

namespace {

std::string waitPath(const std::string &id, const char *condition)
{
    return "/containers/" + id + "/wait?condition=" + condition;
}

} // namespace

HostExitWait::HostExitWait(const HostUrl &host, std::string id) : m_id(std::move(id)), m_code(m_exit.get_future())
{
    std::future<void> head = m_head.get_future();
    m_thread = std::thread([this, host] {
        bool headSaid = false;
        try {
            ApiClient api(host);
            api.negotiate(); // before watching: the ping's head is not the wait's
            api.watch(&m_cancel, [&] {
                if (!headSaid) {
                    headSaid = true;
                    m_head.set_value();
                }
            });
            std::string body;
            api.stream("POST", waitPath(m_id, "next-exit"), {}, [&](std::string_view chunk) {
                body.append(chunk);
                return true;
            });
            if (m_cancel)
                throw Error(ErrorCode::Io, api.errorPrefix() + "the wait was given up");
            const auto j = util::parseJsonOrDiscarded(body);
            if (!j.is_object() || !j.contains("StatusCode") || !j["StatusCode"].is_number())
                throw Error(ErrorCode::Io, api.errorPrefix() + "/wait did not answer a StatusCode");
            if (!headSaid)
                m_head.set_value();
            m_exit.set_value(j["StatusCode"].get<int>());
        } catch (...) {
            if (!headSaid)
                m_head.set_exception(std::current_exception());
            m_exit.set_exception(std::current_exception());
        }
    });
    // A host that holds the head back until the exit still got the request:
    // go on after a while rather than never start the container.
    if (head.wait_for(std::chrono::seconds(5)) == std::future_status::ready) {
        try {
            head.get();
        } catch (...) {
            m_cancel = true;
            m_thread.join();
            throw;
        }
    }
}

HostExitWait::~HostExitWait()
{
    m_cancel = true;
    if (m_thread.joinable())
        m_thread.join();
}

int HostExitWait::code()
{
    return m_code.get();
}

void HostExitWait::untilRemoved(ApiClient &api) const
{
    try {
        (void)api.request("POST", waitPath(m_id, "removed"));
    } catch (const Error &e) {
        if (e.code() != ErrorCode::NotFound) // gone before the wait: what was waited for
            throw;
    }
}

} // namespace strata::engine::remote
