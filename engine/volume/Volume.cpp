// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/volume/Volume.h"

#include "engine/Error.h"

#include <ctime>

namespace strata::engine::volume {
namespace {

nlohmann::json optionalMap(const std::optional<std::map<std::string, std::string>> &m)
{
    return m ? nlohmann::json(*m) : nlohmann::json(nullptr);
}

std::optional<std::map<std::string, std::string>> readOptionalMap(const nlohmann::json &j, const char *key)
{
    if (!j.contains(key) || j[key].is_null())
        return std::nullopt;
    return j[key].get<std::map<std::string, std::string>>();
}

} // namespace

std::string volumeCreatedAt(timeutil::TimePoint t)
{
    // Go's time.RFC3339 in UTC: "2006-01-02T15:04:05Z".
    const std::time_t secs = timeutil::toUnixSeconds(t);
    std::tm tm{};
    ::gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

nlohmann::json Volume::toRecord() const
{
    return {{"Name", name},
            {"Driver", driver},
            {"Labels", optionalMap(labels)},
            {"Options", optionalMap(options)},
            {"CreatedAt", timeutil::formatRfc3339Nano(createdAt)},
            {"Anonymous", anonymous}};
}

Volume Volume::fromRecord(const nlohmann::json &j)
{
    Volume v;
    v.name = j.at("Name").get<std::string>();
    v.driver = j.value("Driver", std::string(kLocalDriver));
    v.labels = readOptionalMap(j, "Labels");
    v.options = readOptionalMap(j, "Options");
    const auto created = timeutil::parseRfc3339(j.value("CreatedAt", std::string()));
    if (!created)
        throw Error(ErrorCode::InvalidArchive, "volume " + v.name + ": bad CreatedAt in volume.json");
    v.createdAt = *created;
    v.anonymous = j.value("Anonymous", false);
    return v;
}

nlohmann::ordered_json Volume::toInspect() const
{
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    j["CreatedAt"] = volumeCreatedAt(createdAt);
    j["Driver"] = driver;
    j["Labels"] = labels ? nlohmann::ordered_json(*labels) : nlohmann::ordered_json(nullptr);
    j["Mountpoint"] = mountpoint.string();
    j["Name"] = name;
    j["Options"] = options ? nlohmann::ordered_json(*options) : nlohmann::ordered_json(nullptr);
    j["Scope"] = "local";
    return j;
}

} // namespace strata::engine::volume
