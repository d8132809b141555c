// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/ShimState.h"

#include "engine/Error.h"
#include "engine/util/Fs.h"

#include <array>
#include <sys/wait.h>

namespace strata::engine::runtime {
namespace {

using nlohmann::json;

constexpr std::array<std::pair<ShimStatus, const char *>, 5> kNames{{
    {ShimStatus::Creating, "creating"},
    {ShimStatus::Created, "created"},
    {ShimStatus::Running, "running"},
    {ShimStatus::Exited, "exited"},
    {ShimStatus::Failed, "failed"},
}};

} // namespace

const char *toString(ShimStatus s)
{
    for (const auto &[status, name] : kNames)
        if (status == s)
            return name;
    return "unknown";
}

ShimStatus shimStatusFromString(std::string_view s)
{
    for (const auto &[status, name] : kNames)
        if (s == name)
            return status;
    throw Error(ErrorCode::InvalidArgument, "unknown shim status \"" + std::string(s) + "\"");
}

json ShimState::toJson() const
{
    json phasesJson = json::array();
    for (const auto &p : phases)
        phasesJson.push_back({{"name", p.name}, {"time", p.time}, {"detail", p.detail}});
    json j{{"status", toString(status)}, {"pid", pid},         {"pidStartTime", pidStartTime},
           {"shimPid", shimPid},         {"shimStartTime", shimStartTime},
           {"startedAt", startedAt},     {"finishedAt", finishedAt},
           {"exitCode", exitCode},       {"signal", signal},   {"error", error},
           {"phases", phasesJson},       {"cgroup", cgroup},   {"cgroupVersion", cgroupVersion},
           {"attachSocket", attachSocket}, {"memberCgroups", memberCgroups}};
    return j;
}

ShimState ShimState::fromJson(const json &j)
{
    ShimState s;
    s.status = shimStatusFromString(j.value("status", "creating"));
    s.pid = j.value("pid", 0);
    s.pidStartTime = j.value("pidStartTime", std::uint64_t{0});
    s.shimPid = j.value("shimPid", 0);
    s.shimStartTime = j.value("shimStartTime", std::uint64_t{0});
    s.startedAt = j.value("startedAt", "");
    s.finishedAt = j.value("finishedAt", "");
    s.exitCode = j.value("exitCode", 0);
    s.signal = j.value("signal", 0);
    s.error = j.value("error", "");
    for (const auto &p : j.value("phases", json::array()))
        s.phases.push_back({p.value("name", ""), p.value("time", ""), p.value("detail", "")});
    s.cgroup = j.value("cgroup", "");
    s.cgroupVersion = j.value("cgroupVersion", 0);
    s.attachSocket = j.value("attachSocket", "");
    s.memberCgroups = j.value("memberCgroups", std::vector<std::string>{});
    return s;
}

void writeShimState(const std::filesystem::path &bundleDir, const ShimState &state)
{
    fsutil::writeFileReplace(bundleDir / "shim-state.json", state.toJson().dump(2) + "\n");
}

ShimState loadShimState(const std::filesystem::path &bundleDir)
{
    const auto path = bundleDir / "shim-state.json";
    json j = json::parse(fsutil::readFile(path), nullptr, false);
    if (j.is_discarded())
        throw Error(ErrorCode::Internal, path.string() + ": not valid JSON");
    try {
        return ShimState::fromJson(j);
    } catch (const json::exception &e) {
        throw Error(ErrorCode::Internal, path.string() + ": " + e.what());
    }
}

int exitCodeFromWaitStatus(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return 255;
}

} // namespace strata::engine::runtime
