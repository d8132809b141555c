// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The OCI image-spec documents as typed structs with strict JSON mapping.
// Parsing rejects what the spec forbids (missing required fields, bad
// digests, wrong types) with InvalidArchive naming the document; fields we do
// not model are kept in `extra` so a round trip loses nothing.

#include "engine/util/Digest.h"

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine::image {

using Json = nlohmann::ordered_json;

struct Descriptor {
    std::string mediaType;
    Digest digest;
    std::int64_t size = 0;
    std::map<std::string, std::string> annotations;
    std::optional<Json> platform;

    [[nodiscard]] Json toJson() const;
    static Descriptor fromJson(const Json &j, const std::string &where);
};

struct Manifest {
    int schemaVersion = 2;
    std::string mediaType;      // may be empty in OCI manifests
    Descriptor config;
    std::vector<Descriptor> layers;
    std::map<std::string, std::string> annotations;

    [[nodiscard]] Json toJson() const;
    static Manifest fromJson(const Json &j, const std::string &where);
    static Manifest parse(const std::string &bytes, const std::string &where);
};

struct Index {
    int schemaVersion = 2;
    std::string mediaType;
    std::vector<Descriptor> manifests;
    std::map<std::string, std::string> annotations;

    [[nodiscard]] Json toJson() const;
    static Index parse(const std::string &bytes, const std::string &where);
};

struct HistoryEntry {
    std::string created;    // RFC 3339, may be empty
    std::string createdBy;
    std::string author;
    std::string comment;
    bool emptyLayer = false;

    [[nodiscard]] Json toJson() const;
    static HistoryEntry fromJson(const Json &j);
};

// The image config (config.md). `config` is the container config object
// (Cmd, Env, Entrypoint, WorkingDir, User, Labels, Volumes, ExposedPorts, ...)
// kept as JSON: Docker adds fields the spec does not list, and inspect shows
// them all.
struct ImageConfig {
    std::string created;
    std::string author;
    std::string architecture;
    std::string os;
    std::string variant;
    Json config = Json::object();
    std::vector<Digest> diffIds;      // rootfs.diff_ids, bottom to top
    std::vector<HistoryEntry> history;
    Json extra = Json::object();      // any other top-level fields, kept as they were

    [[nodiscard]] Json toJson() const;
    // The canonical bytes we store and hash for a config we create.
    [[nodiscard]] std::string serialize() const;
    static ImageConfig parse(const std::string &bytes, const std::string &where);
};

// Parses JSON bytes, turning syntax errors into InvalidArchive "<where>: ...".
[[nodiscard]] Json parseJson(const std::string &bytes, const std::string &where);

} // namespace strata::engine::image
