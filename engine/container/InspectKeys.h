// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The keys Docker 20.10 prints in `container inspect` objects whose shape
// Strata fills only in part (HostConfig, NetworkSettings, a network's
// endpoint), in Docker's order, each with the value Docker prints when
// nothing sets it (recorded from a real daemon: tests/cli/data/docker/).
//
// A value Strata has replaces the zero value by name: a key the container
// record's HostConfig carries (ContainerRecord.cpp hostConfigJson), or one
// the inspect code sets. So a new setting (--memory -> "Memory") shows in
// inspect as soon as the record stores it under Docker's name.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace strata::engine::container {

struct InspectKey {
    const char *name;
    nlohmann::ordered_json zero;
    bool omitEmpty = false; // Docker's `omitempty`: printed only when set
};

[[nodiscard]] const std::vector<InspectKey> &hostConfigKeys();
[[nodiscard]] const std::vector<InspectKey> &networkSettingsKeys();
[[nodiscard]] const std::vector<InspectKey> &endpointSettingsKeys();

// Every key of `keys` in its order: the value from `values` when it has the
// key, else the zero value (omitEmpty keys are left out unless `values` has
// them). Keys of `values` the table does not know follow, in their order.
[[nodiscard]] nlohmann::ordered_json withDockerKeys(const std::vector<InspectKey> &keys,
                                                    const nlohmann::ordered_json &values);

} // namespace strata::engine::container
