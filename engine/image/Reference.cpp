// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/Reference.h"

#include "engine/Error.h"

#include <algorithm>
#include <optional>

namespace strata::engine::image {

namespace {

constexpr std::string_view kDefaultDomain = "docker.io";
constexpr std::string_view kLegacyDefaultDomain = "index.docker.io"; // the old "Docker Index" name
constexpr std::string_view kOfficialPrefix = "library/";             // Docker Hub's official images
constexpr std::size_t kMaxPathLength = 255;

[[noreturn]] void fail(std::string message)
{
    throw Error(ErrorCode::InvalidArgument, std::move(message));
}

bool isLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool isAlnum(char c) { return isLowerAlnum(c) || (c >= 'A' && c <= 'Z'); }
bool isWord(char c) { return isAlnum(c) || c == '_'; }
bool isLowerHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }
bool isHex(char c) { return isLowerHex(c) || (c >= 'A' && c <= 'F'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool hasUpper(std::string_view s) { return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; }); }

// Consumes a run of characters satisfying `pred`; false if there was none.
template <typename Pred>
bool consumeRun(std::string_view s, std::size_t &i, Pred pred)
{
    const std::size_t start = i;
    while (i < s.size() && pred(s[i]))
        ++i;
    return i > start;
}

// path-component := [a-z0-9]+ (separator [a-z0-9]+)*
// separator      := "." | "_" | "__" | "-"+
bool isPathComponent(std::string_view s)
{
    std::size_t i = 0;
    if (!consumeRun(s, i, isLowerAlnum))
        return false;
    while (i < s.size()) {
        if (s[i] == '.') {
            ++i;
        } else if (s[i] == '_') {
            i += (i + 1 < s.size() && s[i + 1] == '_') ? 2 : 1;
        } else if (s[i] == '-') {
            consumeRun(s, i, [](char c) { return c == '-'; });
        } else {
            return false;
        }
        if (!consumeRun(s, i, isLowerAlnum))
            return false;
    }
    return true;
}

// Splits on `sep` and checks every part (empty parts fail).
template <typename Pred>
bool allParts(std::string_view s, char sep, Pred pred)
{
    for (std::size_t start = 0;;) {
        const std::size_t end = std::min(s.find(sep, start), s.size());
        if (!pred(s.substr(start, end - start)))
            return false;
        if (end == s.size())
            return true;
        start = end + 1;
    }
}

bool isPath(std::string_view s) { return allParts(s, '/', isPathComponent); }

// domain-component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
bool isDomainComponent(std::string_view s)
{
    if (s.empty() || !isAlnum(s.front()) || !isAlnum(s.back()))
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return isAlnum(c) || c == '-'; });
}

// domain := (domain-name | "[" ipv6 "]") [":" port]
bool isDomain(std::string_view s)
{
    std::string_view host = s;
    std::string_view port;
    bool hasPort = false;
    if (!s.empty() && s.front() == '[') {
        const auto close = s.find(']');
        if (close == std::string_view::npos || close < 2)
            return false;
        const std::string_view inner = s.substr(1, close - 1);
        if (!std::all_of(inner.begin(), inner.end(), [](char c) { return isHex(c) || c == ':'; }))
            return false;
        const std::string_view rest = s.substr(close + 1);
        if (!rest.empty() && rest.front() != ':')
            return false;
        hasPort = !rest.empty();
        port = hasPort ? rest.substr(1) : rest;
    } else {
        const auto colon = s.find(':');
        host = s.substr(0, colon);
        hasPort = colon != std::string_view::npos;
        port = hasPort ? s.substr(colon + 1) : std::string_view();
        if (!allParts(host, '.', isDomainComponent))
            return false;
    }
    return !hasPort || (!port.empty() && std::all_of(port.begin(), port.end(), isDigit));
}

bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// algorithm := [A-Za-z][A-Za-z0-9]* ([-_+.] [A-Za-z][A-Za-z0-9]*)*
bool isDigestAlgorithm(std::string_view a)
{
    std::size_t i = 0;
    for (;;) {
        if (i >= a.size() || !isAlpha(a[i]))
            return false;
        consumeRun(a, i, isAlnum);
        if (i == a.size())
            return true;
        if (a[i] != '-' && a[i] != '_' && a[i] != '+' && a[i] != '.')
            return false;
        ++i;
    }
}

// digest := algorithm ":" hex{32,} (either case, as reference's regexp allows)
bool isDigestSyntax(std::string_view s)
{
    const auto colon = s.find(':');
    if (colon == std::string_view::npos)
        return false;
    const std::string_view hex = s.substr(colon + 1);
    return isDigestAlgorithm(s.substr(0, colon)) && hex.size() >= 32 && std::all_of(hex.begin(), hex.end(), isHex);
}

// go-digest's Digest.Validate, applied once the reference grammar matched.
void validateDigest(std::string_view digest)
{
    const auto colon = digest.find(':');
    const std::string_view algorithm = digest.substr(0, colon);
    const std::string_view encoded = digest.substr(colon + 1);
    std::size_t length = 0;
    if (algorithm == "sha256")
        length = 64;
    else if (algorithm == "sha384")
        length = 96;
    else if (algorithm == "sha512")
        length = 128;
    if (length == 0) {
        // go-digest's own (stricter) grammar wants a lower-case algorithm.
        const bool lowerAlgorithm = !hasUpper(algorithm);
        fail(lowerAlgorithm ? "unsupported digest algorithm" : "invalid checksum digest format");
    }
    if (encoded.size() != length)
        fail("invalid checksum digest length");
    if (!std::all_of(encoded.begin(), encoded.end(), isLowerHex))
        fail("invalid checksum digest format");
}

struct Parts {
    std::string domain;
    std::string path;
    std::string tag;
    std::string digest;
};

// name := [domain "/"] path. Like the regexp, a domain is taken when the
// text before the first '/' is one; otherwise the whole name must be a path.
std::optional<std::pair<std::string, std::string>> splitName(std::string_view name)
{
    const auto slash = name.find('/');
    if (slash != std::string_view::npos && isDomain(name.substr(0, slash)) && isPath(name.substr(slash + 1)))
        return std::make_pair(std::string(name.substr(0, slash)), std::string(name.substr(slash + 1)));
    if (isPath(name))
        return std::make_pair(std::string(), std::string(name));
    return std::nullopt;
}

// reference := name [":" tag] ["@" digest], matched as a whole.
std::optional<Parts> match(std::string_view s)
{
    Parts parts;
    std::string_view nameAndTag = s;
    if (const auto at = s.find('@'); at != std::string_view::npos) {
        parts.digest = s.substr(at + 1);
        nameAndTag = s.substr(0, at);
        if (!isDigestSyntax(parts.digest))
            return std::nullopt;
    }
    std::string_view name = nameAndTag;
    // A ':' followed by no '/' starts the tag; one followed by a '/' is a port.
    if (const auto colon = nameAndTag.rfind(':');
        colon != std::string_view::npos && nameAndTag.find('/', colon) == std::string_view::npos) {
        parts.tag = nameAndTag.substr(colon + 1);
        name = nameAndTag.substr(0, colon);
        if (!isValidTag(parts.tag))
            return std::nullopt;
    }
    auto split = splitName(name);
    if (!split)
        return std::nullopt;
    parts.domain = std::move(split->first);
    parts.path = std::move(split->second);
    return parts;
}

// reference.Parse.
Parts parseStrict(std::string_view s)
{
    auto parts = match(s);
    if (!parts) {
        std::string lower(s);
        std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
            return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        });
        if (lower != s && match(lower))
            fail("repository name must be lowercase");
        fail("invalid reference format");
    }
    if (parts->path.size() > kMaxPathLength)
        fail("repository name must not be more than 255 characters");
    if (!parts->digest.empty())
        validateDigest(parts->digest);
    return *parts;
}

// normalize.go splitDockerDomain: a first component is a registry when it
// is "localhost", contains '.' or ':', or has upper case; otherwise the name
// is on Docker Hub, where one-component names live under "library/".
std::pair<std::string, std::string> splitDockerDomain(std::string_view name)
{
    const auto slash = name.find('/');
    if (slash == std::string_view::npos)
        return {std::string(kDefaultDomain), std::string(kOfficialPrefix) + std::string(name)};
    const std::string_view first = name.substr(0, slash);
    std::string domain;
    std::string remainder(name.substr(slash + 1));
    if (first == "localhost" || first.find_first_of(".:") != std::string_view::npos || hasUpper(first)) {
        domain = first == kLegacyDefaultDomain ? std::string(kDefaultDomain) : std::string(first);
    } else {
        domain = kDefaultDomain;
        remainder = name;
    }
    if (domain == kDefaultDomain && remainder.find('/') == std::string::npos)
        remainder = std::string(kOfficialPrefix) + remainder;
    return {domain, remainder};
}

bool isIdentifier(std::string_view s)
{
    return s.size() == 64 && std::all_of(s.begin(), s.end(), isLowerHex);
}

} // namespace

Reference Reference::parse(std::string_view text, bool defaultTag)
{
    if (isIdentifier(text))
        fail("invalid repository name (" + std::string(text) + "), cannot specify 64-byte hexadecimal strings");
    const auto [domain, remainder] = splitDockerDomain(text);
    const std::string remote = remainder.substr(0, remainder.find(':'));
    if (hasUpper(remote))
        fail("invalid reference format: repository name (" + remote + ") must be lowercase");

    const Parts parts = parseStrict(domain + "/" + remainder);
    Reference r;
    r.domain = parts.domain;
    r.tag = parts.tag;
    r.digest = parts.digest;
    // familiarizeName: drop docker.io/, and library/ for one-level names.
    if (parts.domain == kDefaultDomain) {
        const bool official = parts.path.rfind(kOfficialPrefix, 0) == 0 &&
                              parts.path.find('/', kOfficialPrefix.size()) == std::string::npos;
        r.name = official ? parts.path.substr(kOfficialPrefix.size()) : parts.path;
    } else {
        r.name = parts.domain.empty() ? parts.path : parts.domain + "/" + parts.path;
    }
    if (defaultTag && r.tag.empty() && r.digest.empty())
        r.tag = "latest";
    return r;
}

std::string Reference::path() const
{
    if (domain == kDefaultDomain)
        return name.find('/') == std::string::npos ? std::string(kOfficialPrefix) + name : name;
    return domain.empty() ? name : name.substr(domain.size() + 1);
}

std::string Reference::normalisedName() const
{
    return domain.empty() ? path() : domain + "/" + path();
}

std::string Reference::str() const
{
    return name + (tag.empty() ? "" : ":" + tag) + (digest.empty() ? "" : "@" + digest);
}

std::string Reference::normalisedStr() const
{
    return normalisedName() + (tag.empty() ? "" : ":" + tag) + (digest.empty() ? "" : "@" + digest);
}

bool isValidTag(std::string_view tag)
{
    if (tag.empty() || tag.size() > 128 || !isWord(tag.front()))
        return false;
    return std::all_of(tag.begin(), tag.end(), [](char c) { return isWord(c) || c == '.' || c == '-'; });
}

bool looksLikeImageIdPrefix(std::string_view text)
{
    if (text.rfind("sha256:", 0) == 0)
        text.remove_prefix(7);
    return !text.empty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), isLowerHex);
}

} // namespace strata::engine::image
