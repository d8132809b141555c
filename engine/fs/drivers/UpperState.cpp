// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/drivers/UpperState.h"

#include "engine/Error.h"
#include "engine/util/Fs.h"

#include <nlohmann/json.hpp>

namespace strata::engine::fs::drivers {

UpperState loadUpperState(const std::filesystem::path &file)
{
    UpperState state;
    try {
        const auto j = nlohmann::json::parse(fsutil::readFile(file));
        for (const auto &[path, kind] : j.at("entries").items())
            state.emplace(path, kind.get<std::string>());
    } catch (const Error &) {
    } catch (const nlohmann::json::exception &) {
        state.clear(); // a torn or foreign file: report everything again rather than fail
    }
    return state;
}

void saveUpperState(const std::filesystem::path &file, const UpperState &state)
{
    nlohmann::json entries = nlohmann::json::object();
    for (const auto &[path, kind] : state)
        entries[path] = kind;
    fsutil::writeFileAtomic(file, nlohmann::json{{"version", 1}, {"entries", entries}}.dump());
}

} // namespace strata::engine::fs::drivers
