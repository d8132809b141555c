// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A volume: a directory the engine owns (<root>/volumes/<name>/_data) that a
// container mounts, so what is written there outlives the container. Named
// volumes are made by `volume create` or `-v name:/dst`; anonymous ones get a
// random 64-hex name (`-v /dst`, an image's VOLUME) and are removed by
// `rm -v` with their container.

#include "engine/util/Time.h"

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace strata::engine::volume {

// The only driver: volumes are plain directories on the store's file system.
inline constexpr const char *kLocalDriver = "local";

struct Volume {
    std::string name;
    std::string driver = kLocalDriver;
    // Docker keeps null apart from {}: `volume create` stores an empty map,
    // a volume made for a container stores none, and inspect shows the
    // difference ("Labels": {} vs "Labels": null).
    std::optional<std::map<std::string, std::string>> labels;
    std::optional<std::map<std::string, std::string>> options;
    timeutil::TimePoint createdAt{};
    bool anonymous = false;         // made without a name; `rm -v` removes it
    std::filesystem::path mountpoint; // <root>/volumes/<name>/_data (filled by the store)

    // volume.json (the store's record).
    [[nodiscard]] nlohmann::json toRecord() const;
    static Volume fromRecord(const nlohmann::json &j);
    // Docker's `volume inspect` object: CreatedAt Driver Labels Mountpoint
    // Name Options Scope.
    [[nodiscard]] nlohmann::ordered_json toInspect() const;
};

// Docker's RFC 3339 CreatedAt for volumes: seconds, no fraction.
[[nodiscard]] std::string volumeCreatedAt(timeutil::TimePoint t);

} // namespace strata::engine::volume
