// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/drivers/UpperState.h"

#include "engine/Error.h"
#include "engine/util/Fs.h"
#include "engine/util/Utf8.h"

#include <nlohmann/json.hpp>

namespace strata::engine::fs::drivers {

UpperState loadUpperState(const std::filesystem::path &file)
{
    UpperState state;
    try {
        const std::optional<std::string> text = fsutil::readFileIfExists(file);
        if (!text)
            return state; // never scanned: a new container's upper layer
        const auto j = nlohmann::json::parse(*text);
        for (const auto &[path, kind] : j.at("entries").items())
            state.emplace(path, kind.get<std::string>());
        // Names that are not UTF-8, hex-encoded (JSON strings cannot hold them).
        const nlohmann::json raw = j.value("rawEntries", nlohmann::json::object());
        for (const auto &[hex, kind] : raw.items())
            if (const auto path = util::unhexBytes(hex))
                state.emplace(*path, kind.get<std::string>());
    } catch (const Error &) {
    } catch (const nlohmann::json::exception &) {
        state.clear(); // a torn or foreign file: report everything again rather than fail
    }
    return state;
}

void saveUpperState(const std::filesystem::path &file, const UpperState &state)
{
    nlohmann::json entries = nlohmann::json::object();
    nlohmann::json rawEntries = nlohmann::json::object();
    for (const auto &[path, kind] : state) {
        if (util::isValidUtf8(path))
            entries[path] = kind;
        else
            rawEntries[util::hexBytes(path)] = kind;
    }
    nlohmann::json doc{{"version", 1}, {"entries", entries}};
    if (!rawEntries.empty())
        doc["rawEntries"] = rawEntries;
    fsutil::writeFileAtomic(file, doc.dump());
}

} // namespace strata::engine::fs::drivers
