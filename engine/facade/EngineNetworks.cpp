// SPDX-License-Identifier: GPL-3.0-or-later
// Networks: `network create|ls|inspect|rm|prune|connect|disconnect`, and the
// container side: --network/-p/-P at create, endpoints attached at start
// (a namespace configured by the standard CNI plugins before the shim joins
// it), released when the container stops or is removed, and at the next
// engine start after a crash. See engine/network/ for the parts.
#include "engine/facade/EngineState.h"
#include "engine/Error.h"
#include "engine/container/InitLayer.h"
#include "engine/container/InspectKeys.h"
#include "engine/network/HostRules.h"
#include "engine/network/HostsFile.h"
#include "engine/network/Ipv4.h"
#include "engine/network/Netns.h"
#include "engine/network/Ports.h"
#include "engine/network/UserModeNetwork.h"
#include "engine/util/Fs.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <linux/sockios.h>
#include <net/if.h>
#include <set>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace strata::engine {

using container::Record;
using container::Status;
using Json = image::Json;
namespace net = network;

namespace {

bool live(Status s)
{
    return s == Status::Running || s == Status::Paused || s == Status::Restarting;
}

// The network a NetworkMode names: "default" is the default bridge.
std::string networkNameOf(const std::string &mode)
{
    return mode.empty() || mode == "default" ? "bridge" : mode;
}

// The networks a container asked for; a record from before networks existed: its mode's.
Json wantedNetworks(const Record &r)
{
    return r.networks.empty() ? Json{{networkNameOf(r.hostConfig.networkMode), Json::object()}} : r.networks;
}

// portmap's DNAT holds no socket: a port another container publishes is
// found in the endpoint records (Docker's message, as its proxy's bind would fail).
void checkUnclaimed(const std::vector<net::EndpointRecord> &all, const net::PortBinding &b)
{
    if (b.hostPort.empty())
        return;
    for (const auto &rec : all)
        for (const auto &pb : net::bindingsOf(rec.ports))
            if (pb.hostPort == b.hostPort && pb.proto == b.proto &&
                (pb.hostIp == b.hostIp || pb.hostIp == "0.0.0.0" || b.hostIp.empty()))
                throw Error(ErrorCode::Conflict, "Bind for " + (b.hostIp.empty() ? "0.0.0.0" : b.hostIp) + ":" +
                                                     b.hostPort + " failed: port is already allocated");
}

// Docker wraps a port that cannot be published in its endpoint's failure:
// "driver failed programming external connectivity on endpoint NAME (ID): ...".
template <typename F> void programmingPorts(const Record &r, F check)
{
    try {
        check();
    } catch (const Error &e) {
        if (e.code() != ErrorCode::Conflict)
            throw;
        throw Error(ErrorCode::Conflict, "driver failed programming external connectivity on endpoint " +
                                             r.plainName() + " (" + net::randomHexId() + "): " + e.what());
    }
}

// True when a live endpoint on network `networkId` holds `ip`.
bool addressTaken(const std::vector<net::EndpointRecord> &all, const std::string &networkId, const std::string &ip)
{
    for (const auto &rec : all)
        for (const auto &e : rec.endpoints)
            if (e.networkId == networkId && e.ipAddress == ip)
                return true;
    return false;
}

bool ownerAlive(int pid)
{
    return pid > 0 && pid != ::getpid() && (::kill(pid, 0) == 0 || errno == EPERM);
}

// The bridge plugin makes a bridge on first ADD and never removes it; the
// engine does when the network goes (down first: the kernel refuses to
// delete a bridge that is up).
void deleteBridge(const std::string &name)
{
    const int s = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return;
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, name.c_str(), IFNAMSIZ - 1);
    if (::ioctl(s, SIOCGIFFLAGS, &ifr) == 0) {
        ifr.ifr_flags = static_cast<short>(ifr.ifr_flags & ~IFF_UP);
        (void)::ioctl(s, SIOCSIFFLAGS, &ifr);
        char buf[IFNAMSIZ] = {};
        std::strncpy(buf, name.c_str(), IFNAMSIZ - 1);
        (void)::ioctl(s, SIOCBRDELBR, buf);
    }
    ::close(s);
}

// Fills ip/prefix/gateway/mac from a CNI 1.0 result.
void readResult(net::Endpoint &e)
{
    const Json &r = e.result;
    if (!r.is_object())
        return;
    int ifIndex = -1;
    if (auto ifs = r.find("interfaces"); ifs != r.end() && ifs->is_array())
        for (std::size_t i = 0; i < ifs->size(); ++i)
            if ((*ifs)[i].value("name", "") == e.ifname && (*ifs)[i].contains("sandbox")) {
                ifIndex = static_cast<int>(i);
                e.macAddress = (*ifs)[i].value("mac", "");
            }
    if (auto ips = r.find("ips"); ips != r.end() && ips->is_array())
        for (const auto &ip : *ips) {
            if (ifIndex >= 0 && ip.value("interface", -1) != ifIndex)
                continue;
            const std::string addr = ip.value("address", "");
            const auto slash = addr.find('/');
            if (slash == std::string::npos || addr.find(':') != std::string::npos)
                continue;
            e.ipAddress = addr.substr(0, slash);
            e.prefixLen = std::stoi(addr.substr(slash + 1));
            e.gateway = ip.value("gateway", "");
            break;
        }
}

net::CniCall callFor(const net::EndpointRecord &rec, const net::Endpoint &e)
{
    net::CniCall c;
    c.configList = e.configList;
    c.containerId = rec.containerId;
    c.netnsPath = rec.netns;
    c.ifname = e.ifname;
    c.runtimeConfig = e.runtimeConfig;
    return c;
}

} // namespace

// ---- container side ----

// The ports to publish at start: -p as asked, -P adds every exposed port on
// an ephemeral one; each checked free again and recorded in rec.ports
// (NetworkSettings.Ports).
std::vector<net::PortBinding> Engine::Impl::resolvePorts(const Record &r, net::EndpointRecord &rec)
{
    const auto others = endpoints.list();
    std::vector<net::PortBinding> ports = net::bindingsOf(r.hostConfig.portBindings);
    if (r.hostConfig.publishAllPorts)
        for (const auto &[k, v] : r.config.exposedPorts.items())
            if (!r.hostConfig.portBindings.contains(k))
                ports.push_back(net::parsePortKey(k));
    for (const auto &[k, v] : r.config.exposedPorts.items())
        rec.ports[k] = nullptr;
    for (auto &b : ports) {
        if (b.hostPort.empty())
            b.hostPort = std::to_string(net::ephemeralPort(b.hostIp, b.proto));
        else
            programmingPorts(r, [&] {
                net::checkHostPortFree(b.hostIp, std::stoi(b.hostPort), b.proto);
                checkUnclaimed(others, b);
            });
        if (!rec.ports[b.key()].is_array())
            rec.ports[b.key()] = Json::array();
        rec.ports[b.key()].push_back({{"HostIp", b.hostIp.empty() ? "0.0.0.0" : b.hostIp}, {"HostPort", b.hostPort}});
    }
    return ports;
}

void Engine::Impl::publishPortEvents(const Record &r, const net::EndpointRecord &rec)
{
    for (const auto &[k, list] : rec.ports.items())
        if (list.is_array())
            for (const auto &p : list)
                bus.publish(events::EventKind::PortPublished, r.id,
                            {{"name", r.plainName()},
                             {"port", k},
                             {"hostIp", p.value("HostIp", "")},
                             {"hostPort", p.value("HostPort", "")},
                             {"ip", rec.endpoints.empty() ? std::string() : rec.endpoints.front().ipAddress}});
}

void Engine::Impl::planNetworking(const ContainerCreateOptions &o, const Json &imageConfig, Record &r)
{
    const std::string mode = o.network.empty() ? "default" : o.network;
    r.hostConfig.networkMode = mode;
    if (mode == "host" || mode == "none") {
        if (!o.ip.empty() || !o.networkAliases.empty())
            throw Error(ErrorCode::InvalidArgument, mode == "host" ? "conflicting options: host type networking can't be used with links or aliases"
                                                                   : "container cannot have aliases or an IP address on the none network");
        r.networks = Json{{mode, Json::object()}};
        return; // Docker discards published ports here (with a warning)
    }
    const net::Network n = networks.get(networkNameOf(mode));
    if (!n.isBridge())
        throw Error(ErrorCode::InvalidArgument, "network " + n.name + " cannot be joined with --network " + mode);
    if (n.name != "bridge")
        r.hostConfig.networkMode = n.name;
    if (n.isDefaultBridge() && !o.ip.empty())
        throw Error(ErrorCode::InvalidArgument, "user specified IP address is supported on user defined networks only");
    if (n.isDefaultBridge() && !o.networkAliases.empty())
        throw Error(ErrorCode::InvalidArgument, "network-scoped alias is supported only for containers in user defined networks");
    Json ep = Json::object();
    ep["IPAMConfig"] = nullptr;
    ep["Aliases"] = o.networkAliases.empty() ? Json(nullptr) : Json(o.networkAliases);
    if (!o.ip.empty()) {
        const auto a = net::parseIpv4(o.ip);
        if (!a)
            throw Error(ErrorCode::InvalidArgument, "invalid IPv4 address: " + o.ip);
        const auto s = net::parseSubnet(n.subnet);
        if (!s || !s->contains(*a))
            throw Error(ErrorCode::InvalidArgument,
                        "Invalid address " + o.ip + ": It does not belong to any of this network's subnets");
        // The subnet's own, broadcast and gateway addresses count as taken, as in Docker's IPAM.
        if (*a == s->base || *a == (s->base | ~s->mask()) || o.ip == n.gateway ||
            addressTaken(endpoints.list(), n.id, o.ip))
            throw Error(ErrorCode::Conflict, "Address already in use");
        ep["IPAMConfig"] = {{"IPv4Address", o.ip}};
    }
    r.networks = Json{{n.name, ep}};

    // Ports: -p as typed (Docker's messages), -P takes the image's EXPOSE.
    if (auto it = imageConfig.find("ExposedPorts"); it != imageConfig.end() && it->is_object())
        for (const auto &[k, v] : it->items())
            r.config.exposedPorts[net::parsePortKey(k).key()] = Json::object();
    for (const auto &text : o.publish) {
        const net::PortBinding b = net::parsePortFlag(text);
        programmingPorts(r, [&] {
            if (!b.hostPort.empty())
                net::checkHostPortFree(b.hostIp, std::stoi(b.hostPort), b.proto);
            checkUnclaimed(endpoints.list(), b);
        });
        net::addBinding(r.hostConfig.portBindings, b);
        r.config.exposedPorts[b.key()] = Json::object();
    }
    r.hostConfig.publishAllPorts = o.publishAll;
    const bool publishes = !o.publish.empty() || (o.publishAll && !r.config.exposedPorts.empty());
    if (::geteuid() != 0 && publishes)
        if (const std::string why = net::userModeUnavailable(); !why.empty())
            throw Error(ErrorCode::InvalidArgument, "cannot publish ports: rootless containers have no bridges and " + why);
}

std::string Engine::Impl::attachNetworks(const Record &r)
{
    if (r.hostConfig.networkMode == "host" || r.hostConfig.networkMode == "none")
        return {};
    if (::geteuid() != 0) {
        planUserModeNetwork(r); // rootless: no bridges; slirp4netns joins the runtime's own namespace
        return {};
    }
    auto held = images.lock();
    releaseNetworks(r.id); // whatever a previous run left (idempotent)

    net::EndpointRecord rec;
    rec.containerId = r.id;
    rec.containerName = r.plainName();
    rec.netns = net::netnsPathFor(r.id).string();

    Json portMappings = Json::array();
    for (const auto &b : resolvePorts(r, rec)) {
        Json pm = {{"hostPort", std::stoi(b.hostPort)}, {"containerPort", b.containerPort}, {"protocol", b.proto}};
        if (!b.hostIp.empty())
            pm["hostIP"] = b.hostIp;
        portMappings.push_back(pm);
    }

    const Json wanted = wantedNetworks(r);
    int index = 0;
    for (const auto &[name, cfg] : wanted.items()) {
        const auto n = networks.find(name);
        if (!n)
            throw Error(ErrorCode::NotFound, "network " + name + " not found");
        net::Endpoint e;
        e.network = n->name;
        e.networkId = n->id;
        e.endpointId = net::randomHexId();
        e.ifname = "eth" + std::to_string(index);
        if (cfg.is_object() && cfg.contains("Aliases") && cfg["Aliases"].is_array())
            e.aliases = cfg["Aliases"].get<std::vector<std::string>>();
        e.configList = net::bridgeConfigList(*n);
        if (index == 0 && !portMappings.empty())
            e.runtimeConfig["portMappings"] = portMappings;
        if (cfg.is_object() && cfg.contains("IPAMConfig") && cfg["IPAMConfig"].is_object()) {
            const std::string ip = cfg["IPAMConfig"].value("IPv4Address", "");
            if (!ip.empty())
                e.runtimeConfig["ips"] = Json::array({ip + "/" + std::to_string(net::parseSubnet(n->subnet)->prefix)});
        }
        rec.endpoints.push_back(std::move(e));
        ++index;
    }
    if (rec.endpoints.empty())
        return {};

    // Recorded first: a crash from here on is undone at the next start.
    Json owner = rec.toJson();
    owner["Owner"] = ::getpid();
    fsutil::makeDirs(layout.root() / "networks" / "endpoints", 0700);
    fsutil::writeFileAtomic(layout.root() / "networks" / "endpoints" / (r.id + ".json"), owner.dump(2) + "\n",
                            layout.tmpDir());
    try {
        net::createNetns(rec.netns);
        for (auto &e : rec.endpoints) {
            e.result = net::cniAdd(callFor(rec, e));
            readResult(e);
            owner = rec.toJson();
            owner["Owner"] = ::getpid();
            fsutil::writeFileAtomic(layout.root() / "networks" / "endpoints" / (r.id + ".json"),
                                    owner.dump(2) + "\n", layout.tmpDir());
        }
    } catch (...) {
        releaseNetworks(r.id);
        throw;
    }
    endpoints.save(rec); // without the owner: from now on the container's state decides
    for (const auto &e : rec.endpoints) {
        const auto n = networks.find(e.network);
        bus.publish(events::EventKind::NetworkConnected, e.networkId,
                    {{"name", e.network},
                     {"type", "bridge"},
                     {"container", r.id},
                     {"ip", e.ipAddress},
                     {"mac", e.macAddress},
                     {"ifname", e.ifname},
                     {"bridge", n ? n->bridge : ""}});
    }
    publishPortEvents(r, rec);
    refreshPeerHosts();
    return rec.netns;
}

void Engine::Impl::releaseNetworks(const std::string &containerId)
{
    auto held = images.lock();
    const auto rec = endpoints.find(containerId);
    if (!rec)
        return;
    for (auto it = rec->endpoints.rbegin(); it != rec->endpoints.rend(); ++it) {
        if (!rec->userMode)
            net::cniDel(callFor(*rec, *it), it->result);
        if (!it->ipAddress.empty() && (!rec->userMode || rec->slirpPid > 0))
            bus.publish(events::EventKind::NetworkDisconnected, it->networkId,
                        {{"name", it->network}, {"type", rec->userMode ? "slirp4netns" : "bridge"},
                         {"container", containerId}, {"ip", it->ipAddress}, {"ifname", it->ifname}});
    }
    if (rec->userMode)
        net::stopSlirp4netns({rec->slirpPid, rec->slirpSocket});
    else
        net::removeNetns(rec->netns);
    endpoints.remove(containerId);
    if (!rec->endpoints.empty() && rec->endpoints.front().runtimeConfig.contains("portMappings"))
        net::removeIdlePortmapChains();
    refreshPeerHosts();
}

void Engine::Impl::refreshPeerHosts()
{
    const auto all = endpoints.list();
    for (const auto &self : all) {
        std::vector<net::HostEntry> entries;
        std::set<std::string> shared; // user-defined networks this container is on
        for (const auto &e : self.endpoints)
            if (e.network != "bridge" && !e.ipAddress.empty())
                shared.insert(e.networkId);
        for (const auto &other : all)
            for (const auto &e : other.endpoints) {
                if (e.ipAddress.empty())
                    continue;
                if (other.containerId == self.containerId) {
                    if (e.ifname == "eth0")
                        entries.push_back({e.ipAddress, {self.containerId.substr(0, 12)}});
                    continue;
                }
                if (!shared.count(e.networkId) || other.userMode)
                    continue; // user-mode (rootless) containers each sit behind their own slirp4netns
                net::HostEntry h{e.ipAddress, {other.containerName}};
                for (const auto &a : e.aliases)
                    h.names.push_back(a);
                h.names.push_back(other.containerId.substr(0, 12));
                entries.push_back(std::move(h));
            }
        net::writePeerHosts(container::initFiles(containers.dir(self.containerId)).hosts, entries);
    }
}

void Engine::Impl::releaseStaleEndpoints()
{
    auto held = images.lock();
    std::error_code ec;
    for (const auto &path : std::filesystem::directory_iterator(layout.root() / "networks" / "endpoints", ec)) {
        Json j;
        try {
            j = Json::parse(fsutil::readFile(path.path()));
        } catch (const std::exception &) {
            continue;
        }
        const std::string id = j.value("ContainerID", "");
        if (id.empty() || ownerAlive(j.value("Owner", 0)))
            continue; // being set up by another engine right now
        if (!containers.exists(id)) {
            releaseNetworks(id);
            continue;
        }
        Record r = containers.load(id);
        if (!live(r.state.status))
            releaseNetworks(id);
        else
            (void)refresh(r); // releases them when it finds the container exited
    }
}

Json Engine::Impl::networkSettings(const Record &r)
{
    const auto rec = endpoints.find(r.id);
    Json settings = Json::object();
    Json nets = Json::object();
    const Json wanted = wantedNetworks(r);
    for (const auto &[name, cfg] : wanted.items()) {
        Json ep = Json::object();
        ep["IPAMConfig"] = cfg.is_object() && cfg.contains("IPAMConfig") ? cfg["IPAMConfig"] : Json(nullptr);
        ep["Aliases"] = cfg.is_object() && cfg.contains("Aliases") ? cfg["Aliases"] : Json(nullptr);
        if (const auto n = networks.find(name))
            ep["NetworkID"] = n->id;
        if (rec)
            for (const auto &e : rec->endpoints) {
                if (e.network != name)
                    continue;
                if (name != "bridge") {
                    // Docker 20.10 lists the short id among a running container's aliases.
                    Json aliases = ep["Aliases"].is_array() ? ep["Aliases"] : Json::array();
                    aliases.push_back(r.shortId());
                    ep["Aliases"] = aliases;
                }
                ep["EndpointID"] = e.endpointId;
                ep["Gateway"] = e.gateway;
                ep["IPAddress"] = e.ipAddress;
                ep["IPPrefixLen"] = e.prefixLen;
                ep["MacAddress"] = e.macAddress;
                if (name == "bridge") // Docker fills the top-level fields from the default bridge only
                    for (const char *k : {"EndpointID", "Gateway", "IPAddress", "IPPrefixLen", "MacAddress"})
                        settings[k] = ep[k];
            }
        nets[name] = container::withDockerKeys(container::endpointSettingsKeys(), ep);
    }
    if (rec) {
        settings["SandboxID"] = r.id;
        settings["SandboxKey"] = rec->netns;
        if (const auto n = networks.find(rec->endpoints.empty() ? "" : rec->endpoints.front().network); n && n->isDefaultBridge())
            settings["Bridge"] = n->bridge;
    }
    Json ports = rec ? rec->ports : Json::object();
    if (!rec)
        for (const auto &[k, v] : r.config.exposedPorts.items())
            ports[k] = nullptr;
    settings["Ports"] = ports;
    settings["Networks"] = nets;
    return container::withDockerKeys(container::networkSettingsKeys(), settings);
}

void Engine::Impl::describeNetworking(const Record &r, ContainerSummary &s)
{
    const Json wanted = wantedNetworks(r);
    for (const auto &[name, cfg] : wanted.items())
        s.networks += (s.networks.empty() ? "" : ",") + name;
    if (!r.state.running())
        return;
    if (const auto rec = endpoints.find(r.id))
        s.ports = net::displayPorts(rec->ports);
}

// ---- the verbs ----

std::string Engine::createNetwork(const NetworkCreateOptions &o)
{
    Impl &m = *m_impl;
    auto held = m.images.lock();
    net::CreateNetworkRequest req{o.name, o.driver, o.subnet, o.gateway, o.internal, o.labels, o.options};
    const net::Network n = m.networks.create(req);
    m.bus.publish(events::EventKind::NetworkCreated, n.id,
                  {{"name", n.name}, {"type", n.driver}, {"subnet", n.subnet}, {"gateway", n.gateway}, {"bridge", n.bridge}});
    return n.id;
}

namespace {

Json containersOn(const std::vector<net::EndpointRecord> &all, const std::string &networkId)
{
    Json out = Json::object();
    for (const auto &rec : all)
        for (const auto &e : rec.endpoints)
            if (e.networkId == networkId)
                out[rec.containerId] = {{"Name", rec.containerName},
                                        {"EndpointID", e.endpointId},
                                        {"MacAddress", e.macAddress},
                                        {"IPv4Address", e.ipAddress.empty() ? "" : e.ipAddress + "/" + std::to_string(e.prefixLen)},
                                        {"IPv6Address", ""}};
    return out;
}

} // namespace

std::vector<Json> Engine::networks()
{
    Impl &m = *m_impl;
    const auto all = m.endpoints.list();
    std::vector<Json> out;
    for (const auto &n : m.networks.list())
        out.push_back(net::inspectJson(n, containersOn(all, n.id)));
    return out;
}

Json Engine::inspectNetwork(const std::string &ref)
{
    Impl &m = *m_impl;
    const net::Network n = m.networks.get(ref);
    return net::inspectJson(n, containersOn(m.endpoints.list(), n.id));
}

void Engine::removeNetwork(const std::string &ref)
{
    Impl &m = *m_impl;
    auto held = m.images.lock();
    const net::Network n = m.networks.get(ref);
    if (n.isBuiltin())
        throw Error(ErrorCode::Conflict, n.name + " is a pre-defined network and cannot be removed");
    if (!containersOn(m.endpoints.list(), n.id).empty())
        throw Error(ErrorCode::Conflict,
                    "error while removing network: network " + n.name + " id " + n.id + " has active endpoints");
    deleteBridge(n.bridge);
    net::removeLeases("strata-" + n.id.substr(0, 12)); // bridgeConfigList's name for it
    m.networks.remove(n.id);
    m.bus.publish(events::EventKind::NetworkRemoved, n.id, {{"name", n.name}, {"type", n.driver}});
}

std::vector<std::string> Engine::pruneNetworks()
{
    Impl &m = *m_impl;
    std::vector<std::string> removed;
    for (const auto &n : m.networks.list()) {
        if (n.isBuiltin())
            continue;
        try {
            removeNetwork(n.id);
            removed.push_back(n.name);
        } catch (const Error &e) {
            if (e.code() != ErrorCode::Conflict)
                throw;
        }
    }
    return removed;
}

void Engine::connectNetwork(const std::string &network, const std::string &ref, const NetworkConnectOptions &o)
{
    Impl &m = *m_impl;
    Record r = m.loadFresh(ref);
    const net::Network n = m.networks.get(network);
    if (!n.isBridge() || r.hostConfig.networkMode == "host" || r.hostConfig.networkMode == "none")
        throw Error(ErrorCode::Conflict, "container cannot be disconnected from host network or connected to host network");
    if (r.networks.contains(n.name))
        throw Error(ErrorCode::Conflict, "endpoint with name " + r.plainName() + " already exists in network " + n.name);
    ContainerCreateOptions plan;
    plan.network = n.name;
    plan.ip = o.ip;
    plan.networkAliases = o.aliases;
    Record probe = r;
    m.planNetworking(plan, Json::object(), probe); // Docker's checks of --ip and --alias
    {
        auto held = m.images.lock();
        Record fresh = m.containers.load(r.id);
        fresh.networks[n.name] = probe.networks[n.name];
        m.containers.save(fresh);
        r = fresh;
    }
    if (r.state.status != Status::Running)
        return; // attached at the next start
    m.attachEndpoint(r, n, o);
}

// A running container's new endpoint: recorded first (see attachNetworks),
// then the plugins; undone, record included, when they fail.
void Engine::Impl::attachEndpoint(const Record &r, const net::Network &n, const NetworkConnectOptions &o)
{
    Impl &m = *this;
    auto held = m.images.lock();
    auto rec = m.endpoints.find(r.id);
    if (!rec)
        throw Error(ErrorCode::Conflict, "container " + r.plainName() + " has no network namespace to connect");
    if (rec->userMode)
        throw Error(ErrorCode::Conflict, "container " + r.plainName() +
                                             " runs rootless behind slirp4netns: without root it cannot join a "
                                             "bridge network (it is attached at its next start as root)");
    net::Endpoint e;
    e.network = n.name;
    e.networkId = n.id;
    e.endpointId = net::randomHexId();
    e.ifname = "eth" + std::to_string(rec->endpoints.size());
    e.aliases = o.aliases;
    e.configList = net::bridgeConfigList(n);
    if (!o.ip.empty())
        e.runtimeConfig["ips"] = Json::array({o.ip + "/" + std::to_string(net::parseSubnet(n.subnet)->prefix)});
    rec->endpoints.push_back(e);
    m.endpoints.save(*rec); // recorded first (see attachNetworks)
    auto &added = rec->endpoints.back();
    try {
        added.result = net::cniAdd(callFor(*rec, added));
    } catch (...) {
        rec->endpoints.pop_back();
        m.endpoints.save(*rec);
        Record fresh = m.containers.load(r.id);
        fresh.networks.erase(n.name);
        m.containers.save(fresh);
        throw;
    }
    readResult(added);
    m.endpoints.save(*rec);
    m.bus.publish(events::EventKind::NetworkConnected, n.id,
                  {{"name", n.name}, {"type", "bridge"}, {"container", r.id}, {"ip", added.ipAddress},
                   {"mac", added.macAddress}, {"ifname", added.ifname}, {"bridge", n.bridge}});
    m.refreshPeerHosts();
}

void Engine::disconnectNetwork(const std::string &network, const std::string &ref, bool force)
{
    (void)force;
    Impl &m = *m_impl;
    Record r = m.loadFresh(ref);
    const net::Network n = m.networks.get(network);
    if (!n.isBridge())
        throw Error(ErrorCode::Conflict, "container cannot be disconnected from host network or connected to host network");
    if (!r.networks.contains(n.name))
        throw Error(ErrorCode::Conflict, "container " + r.id + " is not connected to network " + n.name);
    auto held = m.images.lock();
    if (auto rec = m.endpoints.find(r.id)) {
        for (auto it = rec->endpoints.begin(); it != rec->endpoints.end(); ++it) {
            if (it->networkId != n.id)
                continue;
            net::cniDel(callFor(*rec, *it), it->result);
            m.bus.publish(events::EventKind::NetworkDisconnected, n.id,
                          {{"name", n.name}, {"type", "bridge"}, {"container", r.id}, {"ip", it->ipAddress},
                           {"ifname", it->ifname}});
            rec->endpoints.erase(it);
            break;
        }
        m.endpoints.save(*rec);
    }
    Record fresh = m.containers.load(r.id);
    fresh.networks.erase(n.name);
    if (fresh.networks.empty())
        fresh.networks["none"] = Json::object(); // Docker: a container left on no network
    m.containers.save(fresh);
    m.refreshPeerHosts();
}

Json Engine::containerPorts(const std::string &ref)
{
    Impl &m = *m_impl;
    const Record r = m.loadFresh(ref);
    if (auto rec = m.endpoints.find(r.id))
        return rec->ports;
    return Json::object();
}

} // namespace strata::engine
