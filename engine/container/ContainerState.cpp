// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/ContainerState.h"

#include "engine/Error.h"

#include <array>
#include <utility>

namespace strata::engine::container {
namespace {

constexpr std::array<std::pair<Status, const char *>, 7> kNames{{
    {Status::Created, "created"},
    {Status::Running, "running"},
    {Status::Paused, "paused"},
    {Status::Restarting, "restarting"},
    {Status::Removing, "removing"},
    {Status::Exited, "exited"},
    {Status::Dead, "dead"},
}};

// The daemon's refusal for `verb`, or "" when allowed. Wording from moby's
// daemon (start.go, pause.go, unpause.go, delete.go, exec.go, attach.go,
// kill.go, top_unix.go).
std::string refusal(const State &s, Verb verb, const std::string &id, const std::string &ref)
{
    const bool running = s.running();
    switch (verb) {
    case Verb::Start:
        if (s.status == Status::Paused)
            return "cannot start a paused container, try unpause instead";
        if (s.status == Status::Removing)
            return "container is marked for removal and cannot be started";
        if (s.status == Status::Dead)
            return "container is marked for removal and cannot be started";
        return {};
    case Verb::Restart:
        if (s.status == Status::Removing || s.status == Status::Dead)
            return "Cannot restart container " + (ref.empty() ? id : ref) +
                   ": container is marked for removal and cannot be started";
        return {};
    case Verb::Stop:
        return {};
    case Verb::Kill:
        if (!running)
            return "Cannot kill container: " + (ref.empty() ? id : ref) + ": Container " + id + " is not running";
        return {};
    case Verb::Pause:
        if (!running)
            return "Container " + id + " is not running";
        if (s.status == Status::Paused)
            return "Container " + id + " is already paused";
        if (s.status == Status::Restarting)
            return "Container " + id + " is restarting, wait until the container is running";
        return {};
    case Verb::Unpause:
        if (s.status != Status::Paused)
            return "Container " + id + " is not paused";
        return {};
    case Verb::Remove:
        if (s.status == Status::Paused)
            return "You cannot remove a paused container " + id +
                   ". Unpause and then stop the container before attempting removal or force remove";
        if (running || s.status == Status::Restarting)
            return "You cannot remove a running container " + id +
                   ". Stop the container before attempting removal or force remove";
        if (s.status == Status::Removing)
            return "removal of container " + (ref.empty() ? id : ref) + " is already in progress";
        return {};
    case Verb::ForceRemove:
        if (s.status == Status::Removing)
            return "removal of container " + (ref.empty() ? id : ref) + " is already in progress";
        return {};
    case Verb::Exec:
        if (s.status == Status::Paused)
            return "Container " + id + " is paused, unpause the container before exec";
        if (!running)
            return "Container " + id + " is not running";
        if (s.status == Status::Restarting)
            return "Container " + id + " is restarting, wait until the container is running";
        return {};
    case Verb::Attach:
        if (s.status == Status::Paused)
            return "You cannot attach to a paused container, unpause it first";
        if (!running)
            return "You cannot attach to a stopped container, start it first";
        return {};
    case Verb::Top:
        if (!running)
            return "Container " + id + " is not running";
        return {};
    case Verb::Rename:
        if (s.status == Status::Removing || s.status == Status::Dead)
            return "Can't rename container which is dead or marked for removal";
        return {};
    }
    return {};
}

} // namespace

const char *toString(Status s)
{
    for (const auto &[k, n] : kNames)
        if (k == s)
            return n;
    return "unknown";
}

Status statusFromString(std::string_view s)
{
    for (const auto &[k, n] : kNames)
        if (s == n)
            return k;
    throw Error(ErrorCode::InvalidArgument, "unknown container status \"" + std::string(s) + "\"");
}

void checkTransition(const State &state, Verb verb, const std::string &id, const std::string &ref)
{
    const std::string why = refusal(state, verb, id, ref);
    if (!why.empty())
        throw Error(ErrorCode::IllegalTransition, why);
}

bool allowed(const State &state, Verb verb)
{
    return refusal(state, verb, {}, {}).empty();
}

} // namespace strata::engine::container
