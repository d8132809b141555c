// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `--user` resolved the way Docker resolves it: against the container's own
// /etc/passwd and /etc/group (never the host's), "name", "uid", "uid:gid",
// "name:group" ... A numeric uid need not exist in passwd; a name must.

#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace strata::engine::runtime {

struct ResolvedUser {
    uid_t uid = 0;
    gid_t gid = 0;
    std::vector<gid_t> supplementaryGroups; // from /etc/group membership
    std::string home = "/";
    std::string name; // "" when the uid has no passwd entry
};

// `etcDir` is the container's /etc (after pivot_root simply "/etc"). Throws
// NotFound with Docker's wording ("unable to find user foo: no matching
// entries in passwd file").
[[nodiscard]] ResolvedUser resolveUser(const std::string &spec, const std::filesystem::path &etcDir);

// setgroups + setresgid + setresuid. With `keepCapabilities` the permitted
// set survives a switch to a non-zero uid (PR_SET_KEEPCAPS), so the caller
// can still set the container's capabilities afterwards. In a user
// namespace where setgroups is denied, supplementary groups are skipped.
void switchUser(const ResolvedUser &user, bool keepCapabilities);

} // namespace strata::engine::runtime
