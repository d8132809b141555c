// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/drivers/MountRecord.h"

#include "engine/Error.h"
#include "engine/util/Fs.h"

#include <nlohmann/json.hpp>
#include <sys/stat.h>

namespace strata::engine::fs::drivers {

void writeMountRecord(const std::filesystem::path &file, const MountRecord &record, bool durable)
{
    nlohmann::json lowers = nlohmann::json::array();
    for (const auto &l : record.lowers)
        lowers.push_back({{"dir", l.dir.string()},
                          {"whiteouts", l.whiteouts == layer::WhiteoutFormat::OverlayDevices ? "overlay" : "oci"},
                          {"id", l.id}});
    const nlohmann::json j = {{"driver", record.info.driver},   {"mounted", record.mounted},
                              {"lowerdir", record.info.lowerDir}, {"upperdir", record.info.upperDir},
                              {"workdir", record.info.workDir},   {"merged", record.info.mergedDir},
                              {"options", record.info.options},   {"lowers", lowers}};
    if (durable)
        fsutil::writeFileAtomic(file, j.dump(2));
    else
        fsutil::writeFileReplace(file, j.dump(2));
}

std::optional<MountRecord> readMountRecord(const std::filesystem::path &file)
{
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0)
        return std::nullopt;
    try {
        const auto j = nlohmann::json::parse(fsutil::readFile(file));
        MountRecord r;
        r.mounted = j.value("mounted", false);
        r.info.driver = j.value("driver", "");
        r.info.lowerDir = j.value("lowerdir", "");
        r.info.upperDir = j.value("upperdir", "");
        r.info.workDir = j.value("workdir", "");
        r.info.mergedDir = j.value("merged", "");
        r.info.options = j.value("options", "");
        for (const auto &l : j.value("lowers", nlohmann::json::array()))
            r.lowers.push_back({l.value("dir", ""),
                                l.value("whiteouts", "oci") == "overlay" ? layer::WhiteoutFormat::OverlayDevices
                                                                         : layer::WhiteoutFormat::OciMarkers,
                                l.value("id", "")});
        return r;
    } catch (const nlohmann::json::exception &e) {
        throw Error(ErrorCode::InvalidArchive, file.string() + ": corrupt mount record: " + e.what());
    }
}

} // namespace strata::engine::fs::drivers
