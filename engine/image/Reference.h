// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Image references as Docker parses them (github.com/distribution/reference,
// ParseNormalizedNamed): [domain[:port]/]path[:tag][@digest].
//
//   busybox                      -> docker.io/library/busybox:latest
//   strata/busybox:1.0           -> docker.io/strata/busybox:1.0
//   localhost:5000/a/b:tag       -> localhost:5000/a/b:tag
//   busybox@sha256:<64 hex>      -> digest, no tag
//   busybox:1.0@sha256:<64 hex>  -> both kept
//
// We print the familiar form (as Docker does): "busybox", not
// "docker.io/library/busybox". The familiar form is canonical, so two
// references name the same repository exactly when their `name`s are equal:
// "docker.io/library/busybox", "index.docker.io/busybox" and
// "library/busybox" all parse to name "busybox".
//
// Grammar (reference.go): path components are [a-z0-9]+ joined by one '.',
// one or two '_', or any number of '-'; components are joined by '/'; the
// domain is host[:port] (dot-separated [a-zA-Z0-9-] labels or [IPv6]); a tag
// is [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}; a digest is algorithm:hex, with
// sha256 (64 hex), sha384 (96) or sha512 (128), lower case.

#include <string>
#include <string_view>

namespace strata::engine::image {

struct Reference {
    std::string name;   // familiar repository name: "busybox", "strata/busybox", "localhost:5000/a/b"
    std::string domain; // registry: "docker.io" for Docker Hub names
    std::string tag;    // "" when none was given (and none defaulted)
    std::string digest; // "sha256:<hex>" or ""

    [[nodiscard]] bool hasTag() const noexcept { return !tag.empty(); }
    [[nodiscard]] bool hasDigest() const noexcept { return !digest.empty(); }

    // The name Docker prints: same as `name`.
    [[nodiscard]] const std::string &familiarName() const noexcept { return name; }
    // Fully qualified: "docker.io/library/busybox".
    [[nodiscard]] std::string normalisedName() const;
    // The name without its domain: "library/busybox", "a/b".
    [[nodiscard]] std::string path() const;

    // Familiar string: name[:tag][@digest] ("busybox:latest",
    // "busybox@sha256:...", "busybox:1.0@sha256:...").
    [[nodiscard]] std::string str() const;
    // Fully qualified string: "docker.io/library/busybox:latest".
    [[nodiscard]] std::string normalisedStr() const;

    // Parses like ParseNormalizedNamed; with `defaultTag`, a reference with
    // neither tag nor digest gets "latest" (reference.TagNameOnly). Throws
    // Error(InvalidArgument) with Docker's messages:
    //   "invalid reference format"
    //   "invalid reference format: repository name (library/Busybox) must be lowercase"
    //   "invalid repository name (<64 hex>), cannot specify 64-byte hexadecimal strings"
    //   "repository name must not be more than 255 characters"
    //   "invalid checksum digest format" / "invalid checksum digest length" /
    //   "unsupported digest algorithm"
    [[nodiscard]] static Reference parse(std::string_view text, bool defaultTag = true);

    friend bool operator==(const Reference &, const Reference &) = default;
};

// A valid tag: [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}.
[[nodiscard]] bool isValidTag(std::string_view tag);

// Could `text` be an image ID or a prefix of one: 1 to 64 lower-case hex
// digits, optionally after "sha256:". Note that a short hex string such as
// "abc" is also a valid repository name; Docker tries the name first.
[[nodiscard]] bool looksLikeImageIdPrefix(std::string_view text);

} // namespace strata::engine::image
