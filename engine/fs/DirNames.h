// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Listing one directory by name: what the union view and the drivers' upper
// walks read (one implementation for both).

#include <filesystem>
#include <string>
#include <vector>

namespace strata::engine::fs {

// Sorted names in a directory, "." and ".." left out; empty when unreadable
// (then *ok, when given, is false).
[[nodiscard]] std::vector<std::string> listNames(const std::filesystem::path &dir, bool *ok = nullptr);
// The same for an open directory (not consumed: the caller keeps using it
// for *at() calls, which spares a path lookup per name).
[[nodiscard]] std::vector<std::string> listNamesAt(int dirFd, bool *ok = nullptr);

} // namespace strata::engine::fs
