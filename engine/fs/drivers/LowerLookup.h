// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Which lower layer provides one path of the union, without building the
// whole union: a few lstat calls per layer, top layer first, honouring
// whiteouts and opaque directories in either spelling. Used for the paths a
// container layer holds (diff, events, commit), which are few next to the
// image's files; the userspace driver, which needs every path, builds a
// UnionView instead.

#include "engine/fs/TreeEntry.h"
#include "engine/fs/drivers/UnionDriver.h"

#include <filesystem>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace strata::engine::fs::drivers {

struct LowerHit {
    int layer = -1;                 // index, bottom = 0
    std::filesystem::path source;   // the path inside that layer's dir
    struct stat st {};
    EntryType type = EntryType::File;
};

class LowerLookup {
public:
    explicit LowerLookup(const Lowers &lowers) : m_lowers(lowers) {}

    // The version of `path` (relative) the lowers' union shows; nullopt when
    // no layer has it or a layer above hides it.
    [[nodiscard]] std::optional<LowerHit> find(const std::string &path) const;
    // The names the lowers' union shows inside directory `dir` ("" = root),
    // sorted; what an opaque directory of the container hides.
    [[nodiscard]] std::vector<std::string> children(const std::string &dir) const;
    [[nodiscard]] const Lowers &lowers() const { return m_lowers; }

private:
    enum class InLayer { Has, Hides, Passes };
    [[nodiscard]] InLayer probe(const LowerLayer &layer, const std::string &path, struct stat &st) const;

    const Lowers &m_lowers;
};

} // namespace strata::engine::fs::drivers
