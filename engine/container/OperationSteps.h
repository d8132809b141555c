// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The phases of one engine operation walked through the step gate: at each
// boundary a StepReached event ("engine"/"step") is published, then the gate
// decides whether to wait (CLI --step: Enter; GUI: the Step button).

#include "engine/events/EventBus.h"
#include "engine/events/StepGate.h"

#include <string>
#include <vector>

namespace strata::engine::container {

struct PhaseSpec {
    std::string name;        // stable: "write-layer"
    std::string description; // one sentence: what just happened / happens next
};

class OperationSteps {
public:
    OperationSteps(events::EventBus &bus, events::StepGate &gate, std::string operation, std::string id,
                   std::vector<PhaseSpec> phases)
        : m_bus(bus), m_gate(gate), m_operation(std::move(operation)), m_id(std::move(id)), m_phases(std::move(phases))
    {
    }

    // Reports phase `index` done (with `detail` appended to its description
    // when given) and waits at the gate.
    void reached(int index, const std::string &detail = {})
    {
        const PhaseSpec &spec = m_phases.at(static_cast<std::size_t>(index));
        const std::string text = detail.empty() ? spec.description : spec.description + ": " + detail;
        const int count = static_cast<int>(m_phases.size());
        m_bus.publish(events::EventKind::StepReached, m_operation,
                      {{"phase", spec.name}, {"description", text}, {"index", index}, {"count", count},
                       {"container", m_id}});
        m_gate.reach(events::Phase{m_operation, spec.name, text, index, count});
    }

private:
    events::EventBus &m_bus;
    events::StepGate &m_gate;
    std::string m_operation;
    std::string m_id;
    std::vector<PhaseSpec> m_phases;
};

} // namespace strata::engine::container
