// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/EventText.h"

#include <QCoreApplication>
#include <QLocale>

namespace strata::gui {

using engine::events::EventKind;

namespace {

QString attr(const nlohmann::json &a, const char *key)
{
    if (!a.contains(key))
        return {};
    const auto &v = a[key];
    return v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString::fromStdString(v.dump());
}

qint64 num(const nlohmann::json &a, const char *key)
{
    return a.contains(key) && a[key].is_number() ? a[key].get<qint64>() : 0;
}

} // namespace

QString humanBytes(quint64 bytes)
{
    return QLocale().formattedDataSize(static_cast<qint64>(bytes), 1, QLocale::DataSizeSIFormat);
}

QString shortDigest(const std::string &digest)
{
    const auto colon = digest.find(':');
    return QString::fromStdString(colon == std::string::npos ? digest.substr(0, 12) : digest.substr(colon + 1, 12));
}

QString describeEvent(const engine::events::Event &e)
{
    const auto &a = e.attrs;
    const QLocale loc;
    switch (e.kind) {
    case EventKind::BlobVerified: return QCoreApplication::translate("EventText", "Blob %1 verified: its bytes hash to its name.").arg(shortDigest(e.id));
    case EventKind::BlobStored: return QCoreApplication::translate("EventText", "Blob %1 stored.").arg(shortDigest(e.id));
    case EventKind::BlobRemoved: return QCoreApplication::translate("EventText", "Blob %1 removed.").arg(shortDigest(e.id));
    case EventKind::LayerExtractStarted:
        return QCoreApplication::translate("EventText", "Extracting layer %1 of %2.").arg(num(a, "index") + 1).arg(num(a, "count"));
    case EventKind::LayerProgress:
        return QCoreApplication::translate("EventText", "Layer %1: %2 files, %3 so far.")
            .arg(num(a, "index") + 1)
            .arg(loc.toString(num(a, "files")))
            .arg(humanBytes(static_cast<quint64>(num(a, "bytes"))));
    case EventKind::LayerExtracted:
        return QCoreApplication::translate("EventText", "Layer %1 extracted: %2 files, %3, stacked on the layers below.")
            .arg(num(a, "index") + 1)
            .arg(loc.toString(num(a, "files")))
            .arg(humanBytes(static_cast<quint64>(num(a, "bytes"))));
    case EventKind::LayerReused:
        return QCoreApplication::translate("EventText", "Layer %1 is already in the store: shared, not copied.").arg(num(a, "index") + 1);
    case EventKind::WhiteoutApplied: return QCoreApplication::translate("EventText", "Whiteout: this layer hides /%1 from the layers below.").arg(attr(a, "path"));
    case EventKind::OpaqueApplied: return QCoreApplication::translate("EventText", "Opaque directory /%1: everything below it is hidden.").arg(attr(a, "path"));
    case EventKind::LayerRemoved: return QCoreApplication::translate("EventText", "Layer %1 removed: no image uses it any more.").arg(shortDigest(e.id));
    case EventKind::LayerWritten:
        return QCoreApplication::translate("EventText", "New layer written: %1 added, %2 modified, %3 deleted.")
            .arg(num(a, "added"))
            .arg(num(a, "modified"))
            .arg(num(a, "deleted"));
    case EventKind::ImageLoaded: return QCoreApplication::translate("EventText", "Image %1 loaded.").arg(attr(a, "name"));
    case EventKind::ImageSaved: return QCoreApplication::translate("EventText", "Image %1 saved.").arg(attr(a, "name"));
    case EventKind::ImageImported: return QCoreApplication::translate("EventText", "Image %1 imported as one flat layer.").arg(attr(a, "name"));
    case EventKind::ImageTagged: return QCoreApplication::translate("EventText", "Tag %1 now points at image %2.").arg(attr(a, "name"), shortDigest(e.id));
    case EventKind::ImageUntagged: return QCoreApplication::translate("EventText", "Tag %1 removed.").arg(attr(a, "name"));
    case EventKind::ImageDeleted: return QCoreApplication::translate("EventText", "Image %1 deleted.").arg(shortDigest(e.id));
    case EventKind::RefAdded: return QCoreApplication::translate("EventText", "Name %1 added.").arg(attr(a, "name"));
    case EventKind::RefRemoved: return QCoreApplication::translate("EventText", "Name %1 removed.").arg(attr(a, "name"));
    case EventKind::Progress:
        return QCoreApplication::translate("EventText", "%1: %2 of %3.").arg(attr(a, "label").isEmpty() ? QString::fromStdString(e.id) : attr(a, "label"))
            .arg(num(a, "current"))
            .arg(num(a, "total"));
    case EventKind::StepReached: return attr(a, "description");
    case EventKind::ContainerLayerCreated:
        return QCoreApplication::translate("EventText", "Container %1 gets its own empty read-write layer on top of the image.").arg(shortDigest(e.id));
    case EventKind::UnionMounted:
        return QCoreApplication::translate("EventText", "Union mounted (%1): %n read-only layer(s) below, the container's layer on top, one merged view.",
                                           nullptr, static_cast<int>(num(a, "layers")))
            .arg(attr(a, "driver"));
    case EventKind::UnionUnmounted: return QCoreApplication::translate("EventText", "Union view unmounted.");
    case EventKind::CopiedUp:
        return QCoreApplication::translate("EventText", "Copy-up: %1 copied from layer %2 into the container layer; the lower copy stays.")
            .arg(attr(a, "path"))
            .arg(num(a, "from_layer") + 1);
    case EventKind::WhiteoutCreated:
        return QCoreApplication::translate("EventText", "Delete: a whiteout for %1 in the container layer hides layer %2's copy.")
            .arg(attr(a, "path"))
            .arg(num(a, "from_layer") + 1);
    case EventKind::OpaqueDirCreated: return QCoreApplication::translate("EventText", "Opaque directory %1 in the container layer.").arg(attr(a, "path"));
    case EventKind::UpperPathAdded: return QCoreApplication::translate("EventText", "New file %1 written straight into the container layer.").arg(attr(a, "path"));
    case EventKind::UpperChangesSummarised:
        return QCoreApplication::translate("EventText", "Container layer: %1 copied up, %2 whiteouts, %3 added.")
            .arg(num(a, "copied_up"))
            .arg(num(a, "whiteouts"))
            .arg(num(a, "added"));
    case EventKind::VolumeCreated:
        return QCoreApplication::translate("EventText", "Volume %1 created: a directory outside every layer.").arg(QString::fromStdString(e.id));
    case EventKind::VolumeRemoved:
        return QCoreApplication::translate("EventText", "Volume %1 removed.").arg(QString::fromStdString(e.id));
    case EventKind::VolumePopulated:
        return QCoreApplication::translate("EventText", "Volume %1 filled with the image's %2 (%3 files).")
            .arg(QString::fromStdString(e.id), attr(a, "destination"))
            .arg(num(a, "files"));
    case EventKind::ContainerCommitted:
        return QCoreApplication::translate("EventText", "Committed: the container's layer is now a read-only layer of image %1.")
            .arg(attr(a, "name").isEmpty() ? shortDigest(attr(a, "image").toStdString()) : attr(a, "name"));
    case EventKind::ContainerExported:
        return QCoreApplication::translate("EventText", "Exported the merged file system as one flat tar (%1 entries).").arg(num(a, "entries"));
    case EventKind::MountAdded:
        return QCoreApplication::translate("EventText", "Mount %1 → %2 (%3): writes there bypass the container layer.")
            .arg(attr(a, "source"), attr(a, "destination"), attr(a, "type"));
    case EventKind::ContainerPathArchived:
        return QCoreApplication::translate("EventText", "Copied %1 out of the container.").arg(attr(a, "path"));
    case EventKind::ContainerPathExtracted:
        return QCoreApplication::translate("EventText", "Copied into the container at %1.").arg(attr(a, "path"));
    case EventKind::ContainerCreated:
        return QCoreApplication::translate("EventText", "Container %1 created from %2: the image's layers plus one empty writable layer.")
            .arg(attr(a, "name"), attr(a, "image"));
    case EventKind::ContainerStateChanged:
        return QCoreApplication::translate("EventText", "Container %1: %2 → %3.").arg(attr(a, "name"), attr(a, "from"), attr(a, "to"));
    case EventKind::ProcessStarted:
        return QCoreApplication::translate("EventText", "Container %1 runs its command as PID 1 (host PID %2).").arg(attr(a, "name")).arg(num(a, "pid"));
    case EventKind::ProcessExited:
        return QCoreApplication::translate("EventText", "Container %1's process exited with status %2.").arg(attr(a, "name")).arg(num(a, "exitCode"));
    case EventKind::ContainerRenamed:
        return QCoreApplication::translate("EventText", "Container %1 renamed to %2.").arg(attr(a, "oldName"), attr(a, "name"));
    case EventKind::ContainerRemoved:
        return QCoreApplication::translate("EventText", "Container %1 removed with its writable layer; the image's layers stay.").arg(attr(a, "name"));
    case EventKind::ContainerExecStarted:
        return QCoreApplication::translate("EventText", "A new process joins container %1.").arg(attr(a, "name"));
    case EventKind::ImagePulled:
        return QCoreApplication::translate("EventText", "Pulled %1 from %2: digest %3.")
            .arg(attr(a, "name"), attr(a, "registry"), shortDigest(attr(a, "digest").toStdString()));
    case EventKind::ImagePushed:
        return QCoreApplication::translate("EventText", "Pushed %1 to %2: digest %3.")
            .arg(attr(a, "name"), attr(a, "registry"), shortDigest(attr(a, "digest").toStdString()));
    case EventKind::LayerTransfer:
        return QCoreApplication::translate("EventText", "Layer %1 of %2: %3.")
            .arg(attr(a, "layer"), attr(a, "ref"), attr(a, "status"));
    case EventKind::BuildContextSent:
        return QCoreApplication::translate("EventText", "Build context sent to the engine: %1 files, %2.")
            .arg(attr(a, "entries"), humanBytes(static_cast<quint64>(num(a, "bytes"))));
    case EventKind::BuildStepStarted:
        return QCoreApplication::translate("EventText", "Step %1/%2: %3")
            .arg(attr(a, "step"), attr(a, "total"), attr(a, "text"));
    case EventKind::BuildStepContainer:
        return QCoreApplication::translate("EventText", "Step %1 runs in an intermediate container %2.")
            .arg(attr(a, "step"), shortDigest(attr(a, "container").toStdString()));
    case EventKind::BuildStepCommitted:
        return QCoreApplication::translate("EventText", "Step %1 committed as image %2 on top of %3.")
            .arg(attr(a, "step"), shortDigest(attr(a, "image").toStdString()), shortDigest(attr(a, "parent").toStdString()));
    case EventKind::BuildCacheHit:
        return QCoreApplication::translate("EventText", "Step %1: using cache (image %2 already has this step).")
            .arg(attr(a, "step"), shortDigest(attr(a, "image").toStdString()));
    case EventKind::BuildStepDone:
        return QCoreApplication::translate("EventText", "Step %1 done: image %2.")
            .arg(attr(a, "step"), shortDigest(attr(a, "image").toStdString()));
    case EventKind::BuildFinished:
        return QCoreApplication::translate("EventText", "Build finished: image %1.").arg(shortDigest(attr(a, "image").toStdString()));
    case EventKind::NetworkCreated:
        return QCoreApplication::translate("EventText", "Network %1 created: bridge %2 on the host, subnet %3, gateway %4.")
            .arg(attr(a, "name"), attr(a, "bridge"), attr(a, "subnet"), attr(a, "gateway"));
    case EventKind::NetworkRemoved:
        return QCoreApplication::translate("EventText", "Network %1 removed: its bridge is gone from the host.").arg(attr(a, "name"));
    case EventKind::NetworkConnected:
        return QCoreApplication::translate("EventText", "Container %1 connected to network %2: a veth pair, %3 with address %4 inside.")
            .arg(shortDigest(attr(a, "container").toStdString()), attr(a, "name"), attr(a, "ifname"), attr(a, "ip"));
    case EventKind::NetworkDisconnected:
        return QCoreApplication::translate("EventText", "Container %1 disconnected from network %2: its veth pair is deleted, %3 is free again.")
            .arg(shortDigest(attr(a, "container").toStdString()), attr(a, "name"), attr(a, "ip"));
    case EventKind::PortPublished:
        return QCoreApplication::translate("EventText", "Port published: %1:%2 on the host forwards to %3 port %4.")
            .arg(attr(a, "hostIp").isEmpty() ? QStringLiteral("0.0.0.0") : attr(a, "hostIp"), attr(a, "hostPort"), attr(a, "name"), attr(a, "port"));
    case EventKind::BuildFailed:
        return QCoreApplication::translate("EventText", "Build failed at step %1: %2").arg(attr(a, "step"), attr(a, "error"));
    }
    return QString::fromStdString(std::string(e.type()) + " " + std::string(e.action()));
}

} // namespace strata::gui
