// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/registry/RegistrySearch.h"

#include "engine/Error.h"
#include "engine/registry/HttpClient.h"
#include "engine/registry/RegistryHost.h"
#include "engine/util/JsonDepth.h"

#include <nlohmann/json.hpp>

namespace strata::engine::registry {
namespace {

// registry.splitReposSearchTerm: a first component with '.' or ':', or
// "localhost", names the registry.
std::pair<std::string, std::string> splitTerm(const std::string &term)
{
    const auto slash = term.find('/');
    if (slash != std::string::npos) {
        const std::string first = term.substr(0, slash);
        if (first.find_first_of(".:") != std::string::npos || first == "localhost")
            return {first == "docker.io" || first == "index.docker.io" ? std::string() : first, term.substr(slash + 1)};
    }
    return {std::string(), term};
}

} // namespace

std::vector<SearchResult> searchRegistry(const std::string &term, int limit)
{
    const auto [index, remote] = splitTerm(term);
    const std::string host = index.empty() ? std::string("index.docker.io") : index;
    const std::string query = "/v1/search?q=" + urlEncode(remote) + "&n=" + std::to_string(limit);
    HttpResponse answer;
    std::string url = "https://" + host + query;
    try {
        HttpRequest r;
        r.url = url;
        answer = httpSend(r);
    } catch (const TransportError &e) {
        if (index.empty() || !allowsPlainHttp(index))
            throw Error(ErrorCode::Io, "search " + host + ": " + e.message());
        url = "http://" + host + query;
        HttpRequest r;
        r.url = url;
        try {
            answer = httpSend(r);
        } catch (const TransportError &e2) {
            throw Error(ErrorCode::Io, "search " + host + ": " + e2.message());
        }
    }
    if (answer.status != 200)
        throw Error(answer.status == 404 ? ErrorCode::NotFound : ErrorCode::Io,
                    "search " + host + ": unexpected status code " + std::to_string(answer.status));
    std::vector<SearchResult> out;
    try {
        util::requireJsonDepth(answer.body, "search " + host, ErrorCode::Io);
        const auto j = nlohmann::json::parse(answer.body);
        for (const auto &e : j.at("results")) {
            SearchResult s;
            s.name = e.value("name", "");
            s.description = e.value("description", "");
            s.stars = e.value("star_count", 0);
            s.official = e.value("is_official", false);
            s.automated = e.value("is_automated", false);
            out.push_back(std::move(s));
        }
    } catch (const nlohmann::json::exception &e) {
        throw Error(ErrorCode::Io, "search " + host + ": malformed answer: " + e.what());
    }
    return out;
}

} // namespace strata::engine::registry
