// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Nesting bound for JSON that comes from outside (image manifests, configs and
// indexes, lesson files, registry and remote Engine API answers), checked on
// the bytes before nlohmann parses them: its parser is iterative, but dump(),
// copies and comparisons of the parsed value recurse once per level, so
// `[[[[...` a million deep would overflow the stack later, far from the input.
// Go's encoding/json (Docker) stops at 10000 levels; no honest document
// nests more than a few dozen.

#include "engine/Error.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace strata::engine::util {

inline constexpr std::size_t kMaxJsonDepth = 512;

// The deepest array/object nesting in `text` (brackets inside strings do not
// count), or limit + 1 as soon as it goes deeper than `limit`. Malformed text
// is the parser's to report: this only counts.
[[nodiscard]] std::size_t jsonDepth(std::string_view text, std::size_t limit = kMaxJsonDepth);
[[nodiscard]] inline bool jsonDepthWithin(std::string_view text, std::size_t limit = kMaxJsonDepth)
{
    return jsonDepth(text, limit) <= limit;
}

// Throws Error(code, "<where>: JSON nested deeper than 512 levels").
void requireJsonDepth(std::string_view text, const std::string &where, ErrorCode code = ErrorCode::InvalidArchive);

} // namespace strata::engine::util

#include <nlohmann/json.hpp>

namespace strata::engine::util {

// nlohmann::json::parse(text, nullptr, false) behind the depth check: a
// discarded value when the text is malformed or nested too deep.
[[nodiscard]] inline nlohmann::json parseJsonOrDiscarded(std::string_view text)
{
    if (!jsonDepthWithin(text))
        return nlohmann::json(nlohmann::json::value_t::discarded);
    return nlohmann::json::parse(text, nullptr, false);
}

} // namespace strata::engine::util
