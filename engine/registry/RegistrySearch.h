// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `docker search`: the v1 search API Docker Hub serves
// (GET /v1/search?q=TERM&n=LIMIT -> {"results": [{"name", "description",
// "star_count", "is_official", "is_automated"}]}). A term "host[:port]/x"
// searches that registry for "x", as Docker does; any other term searches
// Docker Hub (index.docker.io).

#include <string>
#include <vector>

namespace strata::engine::registry {

struct SearchResult {
    std::string name;
    std::string description;
    int stars = 0;
    bool official = false;
    bool automated = false;
};

[[nodiscard]] std::vector<SearchResult> searchRegistry(const std::string &term, int limit);

} // namespace strata::engine::registry
