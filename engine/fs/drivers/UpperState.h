// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// upper-state.json: each entry of a container layer that sync() has already
// reported, with its kind ("whiteout", "opaque", "dir", "file"), so that the
// next scan reports only what appeared (or changed kind) since. Kept on disk
// because the CLI is one process per command.

#include <filesystem>
#include <map>
#include <string>

namespace strata::engine::fs::drivers {

using UpperState = std::map<std::string, std::string>; // path -> kind

// Missing or unreadable file: empty state (everything is reported anew).
[[nodiscard]] UpperState loadUpperState(const std::filesystem::path &file);
// Atomic: temp file in the same directory, fsync, rename.
void saveUpperState(const std::filesystem::path &file, const UpperState &state);

} // namespace strata::engine::fs::drivers
