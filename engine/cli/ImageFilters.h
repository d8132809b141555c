// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `images -f KEY=VALUE` as Docker reads it: dangling, before, since, label,
// reference. Several values of one key are alternatives (OR); different
// keys must all hold (AND).

#include "engine/Engine.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace strata::engine::cli {

class ImageFilters {
public:
    // Throws InvalidArgument "Invalid filter 'x'" for an unknown key or a
    // malformed value.
    static ImageFilters parse(const std::vector<std::string> &args);

    // Resolves before/since references once against the engine.
    void bind(Engine &engine, const std::vector<ImageSummary> &all);
    [[nodiscard]] bool acceptsImage(const ImageSummary &image) const;
    // reference= is checked per row, since one image has several names.
    [[nodiscard]] bool acceptsName(const std::string &repo, const std::string &tag) const;
    [[nodiscard]] bool has(const std::string &key) const { return m_values.count(key) > 0; }

private:
    std::map<std::string, std::set<std::string>> m_values;
    std::vector<std::int64_t> m_before; // created times of before= images
    std::vector<std::int64_t> m_since;
};

// Go's path.Match: '*', '?', '[...]' classes; '*' does not cross '/'.
[[nodiscard]] bool globMatch(const std::string &pattern, const std::string &text);

} // namespace strata::engine::cli
