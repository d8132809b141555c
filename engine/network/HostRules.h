// SPDX-License-Identifier: GPL-3.0-or-later
// The host-wide pieces the plugins make once and never remove, and the one
// host policy that decides whether the firewall plugin is needed.
//
// portmap creates CNI-HOSTPORT-DNAT/-SETMARK/-MASQ and jumps to them from
// PREROUTING, OUTPUT and POSTROUTING on its first ADD and leaves them on DEL;
// host-local leaves its lease directory. The engine removes them once no
// endpoint uses them, so `iptables-save` reads as before. The firewall
// plugin's CNI-FORWARD/CNI-ADMIN are shared with podman (and needed only
// when the FORWARD policy drops): the engine runs that plugin only then.

#include <string>

namespace strata::engine::network {

// True when FORWARD's policy is not ACCEPT (e.g. Docker is installed).
[[nodiscard]] bool forwardPolicyDrops();
// Removes portmap's chains and their jumps when no rule is left in them.
void removeIdlePortmapChains();
// Removes host-local's lease directory of a network (when it is removed).
void removeLeases(const std::string &cniNetworkName);

} // namespace strata::engine::network
