// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/ContainerInspect.h"

#include "engine/Error.h"
#include "engine/container/InitLayer.h"
#include "engine/container/InspectKeys.h"
#include "engine/fs/drivers/ContainerPaths.h"
#include "engine/fs/drivers/MountRecord.h"
#include "engine/volume/MountPoint.h"

namespace strata::engine::container {

using Json = image::Json;

Json inspectJson(const Record &r, const std::filesystem::path &dir, const std::function<fs::drivers::Lowers()> &lowers,
                 const Json &networkSettings)
{
    const InitFiles init = initFiles(dir);
    const Json saved = r.toJson();

    Json j = Json::object();
    j["Id"] = r.id;
    j["Created"] = r.created;
    j["Path"] = r.path;
    j["Args"] = r.args;
    Json state = saved["State"];
    state.erase("RemovalInProgress");
    // Docker's order: Status, Running, Paused, Restarting, OOMKilled, Dead, Pid, ExitCode, Error, StartedAt, FinishedAt.
    Json st = Json::object();
    for (const char *k : {"Status", "Running", "Paused", "Restarting", "OOMKilled", "Dead", "Pid", "ExitCode", "Error",
                          "StartedAt", "FinishedAt"})
        st[k] = state[k];
    j["State"] = st;
    j["Image"] = r.image;
    j["ResolvConfPath"] = init.resolvConf.string();
    j["HostnamePath"] = init.hostname.string();
    j["HostsPath"] = init.hosts.string();
    j["LogPath"] = (dir / "log.json").string();
    j["Name"] = r.name;
    j["RestartCount"] = r.restartCount;
    j["Driver"] = r.driver;
    j["Platform"] = "linux";
    j["MountLabel"] = "";
    j["ProcessLabel"] = "";
    j["AppArmorProfile"] = "";
    j["ExecIDs"] = nullptr;

    // Every key the record keeps under Docker's name, then what the engine
    // decides here; the rest of Docker's keys get Docker's zero values.
    Json host = saved["HostConfig"];
    host["CgroupnsMode"] = "private"; // every container gets a cgroup namespace
    host["Runtime"] = "strata-shim";
    host["CgroupParent"] = "strata";
    j["HostConfig"] = withDockerKeys(hostConfigKeys(), host);

    // GraphDriver: the real directories, from the last mount when there was
    // one, else what a mount would use.
    const fs::drivers::ContainerPaths paths(dir);
    Json data = Json::object();
    std::optional<fs::drivers::MountRecord> mr;
    try {
        mr = fs::drivers::readMountRecord(paths.mountRecord);
    } catch (const Error &) {
    }
    std::string lower;
    if (mr && !mr->info.lowerDir.empty()) {
        lower = mr->info.lowerDir;
    } else {
        try {
            const auto chain = lowers();
            for (auto it = chain.rbegin(); it != chain.rend(); ++it)
                lower += (lower.empty() ? "" : ":") + it->dir.string();
        } catch (const Error &) {
            // the image went away (rmi -f): leave LowerDir empty
        }
    }
    data["LowerDir"] = lower;
    data["MergedDir"] = mr && !mr->info.mergedDir.empty() ? mr->info.mergedDir : paths.merged.string();
    data["UpperDir"] = mr && !mr->info.upperDir.empty() ? mr->info.upperDir : paths.diff.string();
    data["WorkDir"] = mr && !mr->info.workDir.empty() ? mr->info.workDir : paths.work.string();
    j["GraphDriver"] = {{"Data", data}, {"Name", r.driver}};

    j["Mounts"] = volume::inspectMounts(r.mounts);

    j["Config"] = saved["Config"];
    j["NetworkSettings"] = networkSettings; // the facade asks engine/network
    return j;
}

} // namespace strata::engine::container
