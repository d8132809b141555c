// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/events/Event.h"

#include "engine/Error.h"

#include <array>
#include <utility>

namespace strata::engine::events {
namespace {

struct KindName {
    EventKind kind;
    std::string_view type;
    std::string_view action;
};

constexpr std::array kNames = {
    KindName{EventKind::BlobVerified, "blob", "verify"},
    KindName{EventKind::BlobStored, "blob", "store"},
    KindName{EventKind::BlobRemoved, "blob", "remove"},
    KindName{EventKind::LayerExtractStarted, "layer", "extract_start"},
    KindName{EventKind::LayerProgress, "layer", "progress"},
    KindName{EventKind::LayerExtracted, "layer", "extract"},
    KindName{EventKind::LayerReused, "layer", "reuse"},
    KindName{EventKind::WhiteoutApplied, "layer", "whiteout"},
    KindName{EventKind::OpaqueApplied, "layer", "opaque"},
    KindName{EventKind::LayerRemoved, "layer", "remove"},
    KindName{EventKind::LayerWritten, "layer", "write"},
    KindName{EventKind::ImageLoaded, "image", "load"},
    KindName{EventKind::ImageSaved, "image", "save"},
    KindName{EventKind::ImageImported, "image", "import"},
    KindName{EventKind::ImageTagged, "image", "tag"},
    KindName{EventKind::ImageUntagged, "image", "untag"},
    KindName{EventKind::ImageDeleted, "image", "delete"},
    KindName{EventKind::RefAdded, "ref", "add"},
    KindName{EventKind::RefRemoved, "ref", "remove"},
    KindName{EventKind::Progress, "engine", "progress"},
    KindName{EventKind::StepReached, "engine", "step"},
    KindName{EventKind::ContainerLayerCreated, "union", "layer_create"},
    KindName{EventKind::UnionMounted, "union", "mount"},
    KindName{EventKind::UnionUnmounted, "union", "unmount"},
    KindName{EventKind::CopiedUp, "union", "copy_up"},
    KindName{EventKind::WhiteoutCreated, "union", "whiteout"},
    KindName{EventKind::OpaqueDirCreated, "union", "opaque"},
    KindName{EventKind::UpperPathAdded, "union", "add"},
    KindName{EventKind::UpperChangesSummarised, "union", "summary"},
    KindName{EventKind::VolumeCreated, "volume", "create"},
    KindName{EventKind::VolumeRemoved, "volume", "destroy"},
    KindName{EventKind::VolumePopulated, "volume", "populate"},
    KindName{EventKind::MountAdded, "volume", "mount"},
    KindName{EventKind::ContainerCreated, "container", "create"},
    KindName{EventKind::ContainerStateChanged, "container", "state"},
    KindName{EventKind::ProcessStarted, "container", "start"},
    KindName{EventKind::ProcessExited, "container", "die"},
    KindName{EventKind::ContainerRenamed, "container", "rename"},
    KindName{EventKind::ContainerRemoved, "container", "destroy"},
    KindName{EventKind::ContainerExecStarted, "container", "exec_start"},
    KindName{EventKind::ContainerCommitted, "container", "commit"},
    KindName{EventKind::ContainerExported, "container", "export"},
    KindName{EventKind::ContainerPathArchived, "container", "archive-path"},
    KindName{EventKind::ContainerPathExtracted, "container", "extract-to-dir"},
    KindName{EventKind::BuildContextSent, "build", "context"},
    KindName{EventKind::BuildStepStarted, "build", "step"},
    KindName{EventKind::BuildStepContainer, "build", "container"},
    KindName{EventKind::BuildStepCommitted, "build", "commit"},
    KindName{EventKind::BuildCacheHit, "build", "cache"},
    KindName{EventKind::BuildStepDone, "build", "step_done"},
    KindName{EventKind::BuildFinished, "build", "done"},
    KindName{EventKind::BuildFailed, "build", "fail"},
    KindName{EventKind::ImagePulled, "image", "pull"},
    KindName{EventKind::ImagePushed, "image", "push"},
    KindName{EventKind::LayerTransfer, "layer", "transfer"},
    KindName{EventKind::NetworkCreated, "network", "create"},
    KindName{EventKind::NetworkRemoved, "network", "destroy"},
    KindName{EventKind::NetworkConnected, "network", "connect"},
    KindName{EventKind::NetworkDisconnected, "network", "disconnect"},
    KindName{EventKind::PortPublished, "container", "port-publish"},
};

const KindName &nameOf(EventKind kind)
{
    for (const auto &n : kNames)
        if (n.kind == kind)
            return n;
    throw Error(ErrorCode::Internal, "event kind without a name");
}

} // namespace

std::string_view Event::type() const
{
    return nameOf(kind).type;
}

std::string_view Event::action() const
{
    return nameOf(kind).action;
}

nlohmann::json Event::toJson() const
{
    nlohmann::json j = nlohmann::json::object();
    j["Type"] = type();
    j["Action"] = action();
    j["Actor"] = {{"ID", id}, {"Attributes", attrs}};
    j["time"] = timeutil::toUnixSeconds(time);
    j["timeNano"] = timeutil::toUnixNanos(time);
    return j;
}

Event Event::fromJson(const nlohmann::json &j)
{
    const std::string type = j.value("Type", "");
    const std::string action = j.value("Action", "");
    for (const auto &n : kNames) {
        if (n.type == type && n.action == action) {
            Event e;
            e.kind = n.kind;
            if (j.contains("Actor")) {
                e.id = j["Actor"].value("ID", "");
                e.attrs = j["Actor"].value("Attributes", nlohmann::json::object());
            }
            e.time = timeutil::TimePoint(std::chrono::nanoseconds(j.value("timeNano", std::int64_t{0})));
            return e;
        }
    }
    throw Error(ErrorCode::InvalidArgument, "unknown event " + type + "/" + action);
}

Event makeEvent(EventKind kind, std::string id, nlohmann::json attrs)
{
    Event e;
    e.kind = kind;
    e.id = std::move(id);
    e.attrs = std::move(attrs);
    return e;
}

} // namespace strata::engine::events
