// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Directory modes and times, held back until the layer's last entry: writing
// a directory's contents changes its mtime, and a 0555 or 0000 mode set early
// would stop an unprivileged extraction from filling it (bsdtar keeps the
// same "fixup" list in archive_write_disk).

#include <ctime>
#include <string>
#include <unordered_map>
#include <vector>

namespace strata::engine::layer {

class DirectoryFixups {
public:
    // Records the final mode and times of the real directory `path` ("" = root).
    // A later record for the same directory replaces the earlier one.
    void hold(const std::string &path, unsigned mode, const timespec &atime, const timespec &mtime);
    // Applies every record, deepest-last-recorded first. A directory that was
    // replaced by a non-directory since is skipped, never followed.
    void apply(int rootFd);

private:
    struct Fixup {
        std::string path;
        unsigned mode = 0;
        timespec times[2]{};
    };
    void applyOne(int rootFd, const Fixup &f);

    std::vector<Fixup> m_fixups;
    std::unordered_map<std::string, std::size_t> m_index; // path -> m_fixups index
};

} // namespace strata::engine::layer
