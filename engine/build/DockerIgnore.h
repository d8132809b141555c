// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `.dockerignore` with Docker's rules (moby pkg/fileutils PatternMatcher as
// Docker 20.10 uses it): one pattern a line, blank lines and lines starting
// with '#' skipped, surrounding blanks trimmed, a leading '/' dropped, paths
// cleaned; `*` and `?` stay inside one path element, `**` spans any number
// of them (zero included), `[...]` is a class, '\' escapes; `!pattern`
// re-includes. The last pattern that matches a path decides; a pattern that
// matches a parent directory matches everything beneath it.

#include <regex>
#include <string>
#include <vector>

namespace strata::engine::build {

class DockerIgnore {
public:
    DockerIgnore() = default;
    // Throws BuildFailed (context phase) for a pattern that is no pattern.
    explicit DockerIgnore(const std::string &fileText);

    // `relPath` relative to the context root, '/'-separated, no "./".
    [[nodiscard]] bool excludes(const std::string &relPath) const;
    [[nodiscard]] bool empty() const { return m_patterns.empty(); }

private:
    struct Pattern {
        std::string text;
        std::regex regex;
        bool exception = false;
        std::size_t depth = 0; // path elements in the pattern
    };
    std::vector<Pattern> m_patterns;
};

} // namespace strata::engine::build
