// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/network/NetworkStore.h"

#include "engine/Error.h"
#include "engine/network/Ipv4.h"
#include "engine/util/Fs.h"
#include "engine/util/Time.h"

#include <algorithm>
#include <fstream>
#include <sys/random.h>

namespace strata::engine::network {
namespace {

bool validName(const std::string &name)
{
    if (name.empty() || !std::isalnum(static_cast<unsigned char>(name[0])))
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
    });
}

// The host's IPv4 routes (/proc/net/route): auto-allocation skips subnets
// the host already reaches another way, as Docker does.
std::vector<Subnet> hostRoutes()
{
    std::vector<Subnet> out;
    std::ifstream in("/proc/net/route");
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
        char iface[64] = {};
        unsigned dest = 0, gw = 0, flags = 0, refcnt = 0, use = 0, metric = 0, mask = 0;
        if (std::sscanf(line.c_str(), "%63s %x %x %x %u %u %u %x", iface, &dest, &gw, &flags, &refcnt, &use, &metric,
                        &mask) != 8 ||
            mask == 0)
            continue;
        // The file holds addresses in network byte order, read as host words.
        const std::uint32_t d = __builtin_bswap32(dest), m = __builtin_bswap32(mask);
        out.push_back({d & m, __builtin_popcount(m)});
    }
    return out;
}

Network builtin(const std::string &name)
{
    Network n;
    n.id = randomHexId();
    n.name = name;
    n.created = timeutil::formatRfc3339Nano(timeutil::now());
    if (name == "host") {
        n.driver = "host";
    } else if (name == "none") {
        n.driver = "null";
    } else {
        n.subnet = kDefaultSubnet;
        n.gateway = formatIpv4(parseSubnet(kDefaultSubnet)->firstHost());
        n.bridge = kDefaultBridge;
        n.options = {{"com.docker.network.bridge.default_bridge", "true"},
                     {"com.docker.network.bridge.enable_icc", "true"},
                     {"com.docker.network.bridge.enable_ip_masquerade", "true"},
                     {"com.docker.network.bridge.host_binding_ipv4", "0.0.0.0"},
                     {"com.docker.network.bridge.name", kDefaultBridge},
                     {"com.docker.network.driver.mtu", "1500"}};
    }
    return n;
}

} // namespace

std::string randomHexId()
{
    static const char *hex = "0123456789abcdef";
    unsigned char bytes[32];
    if (::getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes))
        throw Error(ErrorCode::Io, "getrandom failed");
    std::string id;
    for (unsigned char b : bytes) {
        id += hex[b >> 4];
        id += hex[b & 15];
    }
    return id;
}

NetworkStore::NetworkStore(const store::StoreLayout &layout) : m_layout(layout), m_dir(layout.root() / "networks") {}

std::vector<Network> NetworkStore::loadAll() const
{
    std::vector<Network> out;
    std::error_code ec;
    for (const auto &e : std::filesystem::directory_iterator(m_dir, ec)) {
        if (e.path().extension() != ".json")
            continue;
        try {
            out.push_back(Network::fromJson(nlohmann::json::parse(fsutil::readFile(e.path()))));
        } catch (const std::exception &) {
            // a torn file cannot exist (atomic writes); skip anything foreign
        }
    }
    return out;
}

void NetworkStore::save(const Network &n) const
{
    fsutil::makeDirs(m_dir, 0700);
    fsutil::writeFileAtomic(m_dir / (n.id + ".json"), n.toJson().dump(2) + "\n", m_layout.tmpDir());
}

void NetworkStore::ensureBuiltins()
{
    const auto all = loadAll();
    for (const char *name : {"bridge", "host", "none"})
        if (std::none_of(all.begin(), all.end(), [&](const Network &n) { return n.name == name; }))
            save(builtin(name));
}

std::vector<Network> NetworkStore::list()
{
    ensureBuiltins();
    auto all = loadAll();
    std::sort(all.begin(), all.end(), [](const Network &a, const Network &b) {
        if (a.isBuiltin() != b.isBuiltin())
            return a.isBuiltin();
        return a.name < b.name;
    });
    return all;
}

std::optional<Network> NetworkStore::find(const std::string &ref)
{
    if (ref.empty())
        return std::nullopt;
    const auto all = list();
    for (const auto &n : all)
        if (n.name == ref || n.id == ref)
            return n;
    std::optional<Network> hit;
    for (const auto &n : all) {
        if (n.id.rfind(ref, 0) != 0)
            continue;
        if (hit)
            return std::nullopt; // ambiguous prefix: Docker does not guess either
        hit = n;
    }
    return hit;
}

Network NetworkStore::get(const std::string &ref)
{
    if (auto n = find(ref))
        return *n;
    throw Error(ErrorCode::NotFound, "network " + ref + " not found");
}

std::string NetworkStore::freeSubnet(const std::vector<Network> &existing) const
{
    const auto routes = hostRoutes();
    for (int second = 18; second <= 29; ++second) {
        const Subnet candidate{(172u << 24) | (static_cast<std::uint32_t>(second) << 16), 16};
        const auto clash = [&](const Subnet &s) { return s.overlaps(candidate); };
        bool taken = std::any_of(routes.begin(), routes.end(), clash);
        for (const auto &n : existing)
            if (auto s = parseSubnet(n.subnet); s && clash(*s))
                taken = true;
        if (!taken)
            return candidate.text();
    }
    throw Error(ErrorCode::Conflict,
                "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network");
}

Network NetworkStore::create(const CreateNetworkRequest &r)
{
    ensureBuiltins();
    const auto all = loadAll();
    if (!validName(r.name))
        throw Error(ErrorCode::InvalidArgument,
                    "invalid network name \"" + r.name + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    if (std::any_of(all.begin(), all.end(), [&](const Network &n) { return n.name == r.name; }))
        throw Error(ErrorCode::Conflict, "network with name " + r.name + " already exists");
    if (!r.driver.empty() && r.driver != "bridge") {
        if (r.driver == "host" || r.driver == "null")
            throw Error(ErrorCode::Conflict, "only one instance of \"" + r.driver + "\" network is allowed");
        throw Error(ErrorCode::NotFound, "plugin \"" + r.driver + "\" not found");
    }
    if (!r.gateway.empty() && r.subnet.empty())
        throw Error(ErrorCode::InvalidArgument, "every ip-range or gateway must have a corresponding subnet");

    Network n;
    n.id = randomHexId();
    n.name = r.name;
    n.created = timeutil::formatRfc3339Nano(timeutil::now());
    n.bridge = "br-" + n.id.substr(0, 12);
    n.internal = r.internal;
    n.labels = r.labels;
    n.options = r.options;
    if (!r.subnet.empty()) {
        const auto s = parseSubnet(r.subnet);
        if (!s)
            throw Error(ErrorCode::InvalidArgument, "invalid CIDR address: " + r.subnet);
        if (s->prefix > 30)
            throw Error(ErrorCode::InvalidArgument, "subnet " + r.subnet + " is too small: no room for a gateway and a container");
        for (const auto &other : all)
            if (auto o = parseSubnet(other.subnet); o && o->overlaps(*s))
                throw Error(ErrorCode::Conflict, "Pool overlaps with other one on this address space");
        n.subnet = s->text();
    } else {
        n.subnet = freeSubnet(all);
    }
    const Subnet s = *parseSubnet(n.subnet);
    if (!r.gateway.empty()) {
        const auto g = parseIpv4(r.gateway);
        if (!g)
            throw Error(ErrorCode::InvalidArgument, "invalid gateway address " + r.gateway);
        if (!s.contains(*g))
            throw Error(ErrorCode::InvalidArgument, "no matching subnet for gateway " + r.gateway);
        n.gateway = r.gateway;
    } else {
        n.gateway = formatIpv4(s.firstHost());
    }
    save(n);
    return n;
}

void NetworkStore::remove(const std::string &id)
{
    std::error_code ec;
    std::filesystem::remove(m_dir / (id + ".json"), ec);
    fsutil::fsyncDir(m_dir);
}

} // namespace strata::engine::network
