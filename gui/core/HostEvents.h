// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A real host's event stream (Docker's /events, or Podman's compatible one)
// turned into the engine's own events, so the scenes that follow Strata's
// engine follow a `docker run` typed anywhere: create, start, die, pause,
// unpause, commit, rename and destroy of containers, the image and volume
// events the lists care about, and network create/destroy/connect/disconnect
// for the network scene. The host says only where a container
// lands; where it came from is remembered here from the events seen (and
// seeded from the lists).

#include "engine/events/Event.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace strata::gui {

class HostEventMapper {
public:
    // The engine events one host message stands for; none for what the scenes
    // do not draw (attach, exec_die, health_status, …).
    [[nodiscard]] std::vector<engine::events::Event> map(const nlohmann::json &message);
    // A container's state as a list read from the host reports it ("running").
    void seed(const std::string &id, const std::string &state);

private:
    [[nodiscard]] std::string stateOf(const std::string &id, const std::string &fallback) const;
    std::map<std::string, std::string> m_state; // container id -> last known state
};

} // namespace strata::gui
