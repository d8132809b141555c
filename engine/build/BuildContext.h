// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The build context: the directory `build` was given, seen through its
// .dockerignore, as the daemon would have received it. Answers what the
// client prints ("Sending build context … 2.048kB": the size of the tar the
// Docker client would send) and what COPY and ADD may take: sources are
// cleaned relative to the context root, refused when they leave it
// (Docker's "forbidden path outside the build context"), expanded when they
// hold wildcards, and hashed so the cache can tell changed files apart.

#include "engine/build/DockerIgnore.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace strata::engine::build {

struct ContextSource {
    std::string rel;                  // "dir/a.txt" ("" = the context root)
    std::filesystem::path path;       // on the host
    bool isDir = false;
};

class BuildContext {
public:
    // `dir` empty: no context (a Dockerfile from stdin); every COPY fails.
    explicit BuildContext(std::filesystem::path dir);

    [[nodiscard]] const std::filesystem::path &dir() const { return m_dir; }
    [[nodiscard]] bool excluded(const std::string &rel) const { return m_ignore.excludes(rel); }
    // The tar the client would send: 512 bytes a header, contents padded to
    // 512, the two closing blocks.
    [[nodiscard]] std::uint64_t tarSize() const { return m_tarSize; }
    [[nodiscard]] std::uint64_t entries() const { return m_entries; }

    // One COPY/ADD source as written (after variable expansion). Throws
    // BuildFailed with Docker's text (without the "COPY failed: " prefix).
    [[nodiscard]] std::vector<ContextSource> resolve(const std::string &source) const;

    // The sources' content as Docker names it in history: "file:<hex>" (one
    // file), "dir:<hex>" (one directory), "multi:<hex>" (several).
    [[nodiscard]] std::string checksum(const std::vector<ContextSource> &sources) const;

    // Every included path under `rel` (itself first), for copying a directory.
    [[nodiscard]] std::vector<std::string> includedUnder(const std::string &rel) const;

private:
    std::filesystem::path m_dir;
    DockerIgnore m_ignore;
    std::vector<std::string> m_included; // every included path, sorted
    std::uint64_t m_tarSize = 0;
    std::uint64_t m_entries = 0;
};

} // namespace strata::engine::build
