// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One comparable description of a merged image filesystem, made either from a
// directory another tool unpacked (podman image mount, umoci unpack) or from
// `strata image tree --json`. Two listings are equal iff both have the same
// paths with the same type, permission bits (incl. setuid/setgid/sticky),
// file size and content hash, symlink target, and the same hardlink groups.
// Times and ownership are left out: tools legitimately differ there.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>

namespace strata::test {

struct TreeListing {
    std::map<std::string, std::string> entries; // path -> "type mode [size sha256] [-> target]"
    std::set<std::set<std::string>> linkGroups;  // paths sharing one inode

    [[nodiscard]] static TreeListing fromDirectory(const std::filesystem::path &root);
    [[nodiscard]] static TreeListing fromStrataTree(const nlohmann::json &tree);

    bool operator==(const TreeListing &) const = default;
    // The first few differences, one per line, for a failure message.
    [[nodiscard]] std::string diff(const TreeListing &other) const;
};

} // namespace strata::test
