// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A container's capability set from --cap-add / --cap-drop over Docker's
// default set (moby oci/caps TweakCapabilities): names may omit "CAP_" and
// any case is accepted; "ALL" adds or drops every capability the kernel
// knows; drops apply before adds.

#include <string>
#include <vector>

namespace strata::engine::container {

// "CAP_NET_ADMIN" for "net_admin"; throws InvalidArgument "unknown capability: \"X\"".
[[nodiscard]] std::string normaliseCapability(const std::string &name);

// The final set (sorted by capability number), "CAP_*" names.
[[nodiscard]] std::vector<std::string> effectiveCapabilities(const std::vector<std::string> &add,
                                                             const std::vector<std::string> &drop);

} // namespace strata::engine::container
