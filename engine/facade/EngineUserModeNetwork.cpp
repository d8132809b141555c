// SPDX-License-Identifier: GPL-3.0-or-later
// Rootless networking (network/UserModeNetwork.h): a container on a bridge
// network started without root gets slirp4netns instead of a veth. The
// runtime makes the container's network namespace inside its user
// namespace, so slirp4netns can only join once the init process exists:
// the start is gated (the init waits after create-namespaces) while the
// engine starts slirp4netns for that pid and forwards the published ports.
#include "engine/facade/EngineState.h"
#include "engine/Error.h"
#include "engine/network/NetworkStore.h"
#include "engine/network/UserModeNetwork.h"
#include "engine/runtime/StartError.h"
#include "engine/util/Fs.h"

#include <csignal>
#include <unistd.h>

namespace strata::engine {

using container::Record;
using Json = image::Json;
namespace net = network;

void Engine::Impl::planUserModeNetwork(const Record &r)
{
    if (!net::userModeUnavailable().empty())
        return; // loopback only; -p was refused at create
    auto held = images.lock();
    releaseNetworks(r.id); // whatever a previous run left (idempotent)
    net::EndpointRecord rec;
    rec.containerId = r.id;
    rec.containerName = r.plainName();
    rec.userMode = true;
    (void)resolvePorts(r, rec);
    // One interface whatever the networks asked for: slirp4netns's, named
    // after the first of them (inspect, ps NETWORKS).
    std::string name = r.networks.empty() ? "bridge" : r.networks.begin().key();
    if (name == "default")
        name = "bridge";
    net::Endpoint e;
    e.network = name;
    if (const auto n = networks.find(name))
        e.networkId = n->id;
    e.endpointId = net::randomHexId();
    e.ifname = net::kUserModeInterface;
    e.ipAddress = net::kUserModeAddress;
    e.prefixLen = net::kUserModePrefixLen;
    e.gateway = net::kUserModeGateway;
    rec.endpoints.push_back(std::move(e));
    // With this engine as the owner until slirp4netns runs: another engine's
    // crash clean-up leaves a record being set up alone (as attachNetworks).
    Json owner = rec.toJson();
    owner["Owner"] = ::getpid();
    fsutil::makeDirs(layout.root() / "networks" / "endpoints", 0700);
    fsutil::writeFileAtomic(layout.root() / "networks" / "endpoints" / (r.id + ".json"), owner.dump(2) + "\n",
                            layout.tmpDir());
}

bool Engine::Impl::awaitsUserModeNetwork(const std::string &containerId) const
{
    const auto rec = endpoints.find(containerId);
    return rec && rec->userMode && rec->slirpPid == 0;
}

void Engine::Impl::startUserModeNetwork(const std::string &containerId, int containerPid)
{
    auto held = images.lock();
    auto rec = endpoints.find(containerId);
    if (!rec || !rec->userMode)
        return;
    try {
        const auto dir = layout.root() / "networks" / "slirp";
        fsutil::makeDirs(dir, 0700);
        rec->slirpSocket = (dir / (containerId.substr(0, 12) + ".sock")).string();
        const net::UserModeNetwork n =
            net::startSlirp4netns(containerPid, rec->slirpSocket, containers.dir(containerId) / "slirp4netns.log");
        rec->slirpPid = n.pid;
        endpoints.save(*rec); // without the owner: from now on the container's state decides
        for (const auto &b : net::bindingsOf(rec->ports))
            net::addHostForward(n.apiSocket, b);
    } catch (const Error &e) {
        // The init must not go on to run the command without its network:
        // killed here, the shim reports a start that failed.
        ::kill(containerPid, SIGKILL);
        throw runtime::StartError(e.code(), e.what(), runtime::kExitRuntimeFailure);
    }
    const Record r = containers.load(containerId);
    const auto &e = rec->endpoints.front();
    bus.publish(events::EventKind::NetworkConnected, e.networkId,
                {{"name", e.network},
                 {"type", "slirp4netns"},
                 {"container", containerId},
                 {"ip", e.ipAddress},
                 {"mac", e.macAddress},
                 {"ifname", e.ifname},
                 {"bridge", ""}});
    publishPortEvents(r, *rec);
}

} // namespace strata::engine
