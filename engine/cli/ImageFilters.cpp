// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/ImageFilters.h"

#include "engine/Error.h"

#include <algorithm>

namespace strata::engine::cli {
namespace {

[[noreturn]] void invalidFilter(const std::string &what)
{
    throw Error(ErrorCode::InvalidArgument, "Invalid filter '" + what + "'");
}

bool matchClass(const std::string &p, std::size_t &i, char c)
{
    // p[i] is just past '['.
    bool negate = i < p.size() && (p[i] == '^' || p[i] == '!');
    if (negate)
        ++i;
    bool matched = false;
    bool first = true;
    while (i < p.size() && (p[i] != ']' || first)) {
        first = false;
        char lo = p[i++];
        char hi = lo;
        if (i + 1 < p.size() && p[i] == '-' && p[i + 1] != ']') {
            hi = p[i + 1];
            i += 2;
        }
        matched = matched || (c >= lo && c <= hi);
    }
    ++i; // ']'
    return matched != negate;
}

bool globAt(const std::string &p, std::size_t pi, const std::string &t, std::size_t ti)
{
    while (pi < p.size()) {
        const char pc = p[pi];
        if (pc == '*') {
            for (std::size_t k = ti; k <= t.size(); ++k) {
                if (globAt(p, pi + 1, t, k))
                    return true;
                if (k < t.size() && t[k] == '/')
                    return false;
            }
            return false;
        }
        if (ti >= t.size())
            return false;
        if (pc == '?') {
            if (t[ti] == '/')
                return false;
        } else if (pc == '[') {
            std::size_t i = pi + 1;
            if (!matchClass(p, i, t[ti]))
                return false;
            pi = i;
            ++ti;
            continue;
        } else if (pc == '\\' && pi + 1 < p.size()) {
            if (p[++pi] != t[ti])
                return false;
        } else if (pc != t[ti]) {
            return false;
        }
        ++pi;
        ++ti;
    }
    return ti == t.size();
}

bool parseBool(const std::string &v, const std::string &arg)
{
    if (v == "true" || v == "1")
        return true;
    if (v == "false" || v == "0")
        return false;
    throw Error(ErrorCode::InvalidArgument, "Invalid filter 'dangling=" + v + "'");
    (void)arg;
}

} // namespace

bool globMatch(const std::string &pattern, const std::string &text)
{
    return globAt(pattern, 0, text, 0);
}

ImageFilters ImageFilters::parse(const std::vector<std::string> &args)
{
    static const std::set<std::string> known = {"dangling", "before", "since", "label", "reference"};
    ImageFilters f;
    for (const auto &a : args) {
        const auto eq = a.find('=');
        if (eq == std::string::npos)
            throw Error(ErrorCode::InvalidArgument, "bad format of filter (expected name=value)");
        const std::string key = a.substr(0, eq);
        if (!known.count(key))
            invalidFilter(key);
        const std::string value = a.substr(eq + 1);
        if (key == "dangling")
            parseBool(value, a);
        f.m_values[key].insert(value);
    }
    return f;
}

void ImageFilters::bind(Engine &engine, const std::vector<ImageSummary> &all)
{
    auto createdOf = [&](const std::string &ref) {
        const Digest id = engine.resolveImage(ref);
        for (const auto &s : all)
            if (s.id == id)
                return s.created;
        return std::int64_t{0};
    };
    for (const auto &ref : m_values["before"])
        m_before.push_back(createdOf(ref));
    for (const auto &ref : m_values["since"])
        m_since.push_back(createdOf(ref));
    std::erase_if(m_values, [](const auto &kv) { return kv.second.empty(); });
}

bool ImageFilters::acceptsImage(const ImageSummary &image) const
{
    if (auto it = m_values.find("dangling"); it != m_values.end()) {
        const bool want = *it->second.begin() == "true" || *it->second.begin() == "1";
        if (image.repoTags.empty() != want)
            return false;
    }
    for (auto t : m_before)
        if (image.created >= t)
            return false;
    for (auto t : m_since)
        if (image.created <= t)
            return false;
    if (auto it = m_values.find("label"); it != m_values.end()) {
        for (const auto &want : it->second) {
            const auto eq = want.find('=');
            const std::string key = want.substr(0, eq);
            auto l = image.labels.find(key);
            if (l == image.labels.end() || (eq != std::string::npos && l->second != want.substr(eq + 1)))
                return false;
        }
    }
    return true;
}

bool ImageFilters::acceptsName(const std::string &repo, const std::string &tag) const
{
    auto it = m_values.find("reference");
    if (it == m_values.end())
        return true;
    return std::any_of(it->second.begin(), it->second.end(), [&](const std::string &pattern) {
        return globMatch(pattern, repo) || globMatch(pattern, repo + ":" + tag);
    });
}

} // namespace strata::engine::cli
