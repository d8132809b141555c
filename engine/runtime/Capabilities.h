// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Capabilities by name ("CAP_CHOWN"), applied with libcap the way Docker's
// runtime does: the bounding set keeps only the container's capabilities;
// permitted and effective are exactly them; inheritable and ambient are
// empty (Docker 20.10.14+, after CVE-2022-24769). A uid-0 command then execs
// with CapEff = the bounding set; a non-root user execs with none.

#include <cstdint>
#include <string>
#include <vector>

namespace strata::engine::runtime {

// The kernel's number for "CAP_CHOWN" / "chown" (case-insensitive); throws
// InvalidArgument for an unknown name.
[[nodiscard]] int capabilityFromName(const std::string &name);
// The /proc/<pid>/status CapEff-style mask of a list of names.
[[nodiscard]] std::uint64_t capabilityMask(const std::vector<std::string> &names);
// Highest capability number this kernel knows (/proc/sys/kernel/cap_last_cap).
[[nodiscard]] int lastCapability();

// Drops from the bounding set every capability not in `keep`. Needs
// CAP_SETPCAP; must run before the user switch.
void dropBoundingSet(const std::vector<std::string> &keep);
// Sets permitted = effective = `keep` (as far as the process still holds
// them; those it lacks, like CAP_SYS_RESOURCE here, are skipped and
// returned), clears inheritable and ambient. Returns the names not applied.
std::vector<std::string> setProcessCapabilities(const std::vector<std::string> &keep);
// PR_SET_NO_NEW_PRIVS: setuid binaries and file capabilities no longer
// grant anything across exec.
void setNoNewPrivileges();

} // namespace strata::engine::runtime
