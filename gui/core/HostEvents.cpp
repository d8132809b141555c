// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/HostEvents.h"

#include <chrono>
#include <cstdlib>

namespace strata::gui {

namespace {

using engine::events::EventKind;
using nlohmann::json;

std::string text(const json &j, const char *key)
{
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

// Docker says "exitCode", Podman's compatible stream "containerExitCode".
int exitCodeOf(const json &attrs)
{
    for (const char *key : {"exitCode", "containerExitCode"})
        if (attrs.contains(key)) {
            const json &v = attrs[key];
            if (v.is_number_integer())
                return v.get<int>();
            if (v.is_string())
                return std::atoi(v.get<std::string>().c_str());
        }
    return 0;
}

} // namespace

void HostEventMapper::seed(const std::string &id, const std::string &state)
{
    m_state[id] = state;
}

std::string HostEventMapper::stateOf(const std::string &id, const std::string &fallback) const
{
    const auto it = m_state.find(id);
    return it == m_state.end() ? fallback : it->second;
}

std::vector<engine::events::Event> HostEventMapper::map(const json &message)
{
    std::vector<engine::events::Event> out;
    if (!message.is_object())
        return out;
    const std::string type = text(message, "Type");
    // Podman's compatible stream names the action "status" in older messages.
    std::string action = text(message, "Action");
    if (action.empty())
        action = text(message, "status");
    const json actor = message.contains("Actor") && message["Actor"].is_object() ? message["Actor"] : json::object();
    const json attrs = actor.contains("Attributes") && actor["Attributes"].is_object() ? actor["Attributes"] : json::object();
    const std::string name = text(attrs, "name"), image = text(attrs, "image");
    std::string id = text(actor, "ID");
    if (id.empty())
        id = text(message, "id");
    if (id.empty() && type == "volume") // Podman names a volume only in its attributes
        id = name;

    auto emit = [&](EventKind kind, json a) {
        engine::events::Event e = engine::events::makeEvent(kind, id, std::move(a));
        if (message.contains("timeNano") && message["timeNano"].is_number_integer())
            e.time = engine::timeutil::TimePoint(std::chrono::nanoseconds(message["timeNano"].get<std::int64_t>()));
        out.push_back(std::move(e));
    };
    auto moveTo = [&](const std::string &from, const std::string &to) {
        emit(EventKind::ContainerStateChanged, {{"name", name}, {"from", stateOf(id, from)}, {"to", to}});
        m_state[id] = to;
    };

    if (type == "container") {
        if (action == "create") {
            emit(EventKind::ContainerCreated, {{"name", name}, {"image", image}, {"driver", ""}});
            m_state[id] = "created";
        } else if (action == "start") {
            moveTo("created", "running");
            // No pid: a host's PID means nothing to this machine's kill(2).
            emit(EventKind::ProcessStarted, {{"name", name}});
        } else if (action == "die") {
            emit(EventKind::ProcessExited, {{"name", name}, {"exitCode", exitCodeOf(attrs)}, {"signal", 0}});
            moveTo("running", "exited");
        } else if (action == "pause") {
            moveTo("running", "paused");
        } else if (action == "unpause") {
            moveTo("paused", "running");
        } else if (action == "commit") {
            // Docker names the new image in imageID/imageRef; Podman only the container's.
            emit(EventKind::ContainerCommitted, {{"image", text(attrs, "imageID")}, {"name", text(attrs, "imageRef")},
                                                 {"comment", text(attrs, "comment")}});
        } else if (action == "rename") {
            emit(EventKind::ContainerRenamed, {{"name", name}, {"oldName", text(attrs, "oldName")}});
        } else if (action == "destroy" || action == "remove") {
            emit(EventKind::ContainerRemoved, {{"name", name}});
            m_state.erase(id);
        }
    } else if (type == "image") {
        if (action == "tag")
            emit(EventKind::ImageTagged, {{"name", name}});
        else if (action == "untag")
            emit(EventKind::ImageUntagged, {{"name", name}});
        else if (action == "delete" || action == "remove")
            emit(EventKind::ImageDeleted, json::object());
    } else if (type == "network") {
        // Docker names the driver "type" and the container in "container";
        // addresses and subnets are not in the message: HostWorker fills them
        // in from the host's network inspect before the scenes see them.
        const json a = {{"name", name}, {"type", text(attrs, "type")}, {"container", text(attrs, "container")}};
        if (action == "create")
            emit(EventKind::NetworkCreated, a);
        else if (action == "destroy" || action == "remove")
            emit(EventKind::NetworkRemoved, a);
        else if (action == "connect")
            emit(EventKind::NetworkConnected, a);
        else if (action == "disconnect")
            emit(EventKind::NetworkDisconnected, a);
    } else if (type == "volume") {
        if (action == "create")
            emit(EventKind::VolumeCreated, {{"driver", text(attrs, "driver")}});
        else if (action == "destroy" || action == "remove")
            emit(EventKind::VolumeRemoved, {{"driver", text(attrs, "driver")}});
    }
    return out;
}

} // namespace strata::gui
