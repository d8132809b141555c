// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/network/Ports.h"

#include "engine/Error.h"
#include "engine/network/Ipv4.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace strata::engine::network {
namespace {

bool isPortNumber(const std::string &s)
{
    if (s.empty() || s.size() > 5 || s.find_first_not_of("0123456789") != std::string::npos)
        return false;
    const int v = std::stoi(s);
    return v >= 1 && v <= 65535;
}

// Binds a socket to ip:port; returns the port bound, or -errno.
int tryBind(const std::string &hostIp, int port, const std::string &proto)
{
    const int fd = ::socket(AF_INET, (proto == "udp" ? SOCK_DGRAM : SOCK_STREAM) | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -errno;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(hostIp.empty() ? INADDR_ANY : parseIpv4(hostIp).value_or(0));
    int rc = ::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
    if (rc == 0) {
        socklen_t len = sizeof a;
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
        rc = ntohs(a.sin_port);
    } else {
        rc = -errno;
    }
    ::close(fd);
    return rc;
}

} // namespace

PortBinding parsePortKey(const std::string &text)
{
    PortBinding b;
    std::string port = text;
    if (const auto slash = text.find('/'); slash != std::string::npos) {
        port = text.substr(0, slash);
        b.proto = text.substr(slash + 1);
        if (b.proto != "tcp" && b.proto != "udp" && b.proto != "sctp")
            throw Error(ErrorCode::InvalidArgument, "Invalid proto: " + b.proto);
    }
    if (!isPortNumber(port))
        throw Error(ErrorCode::InvalidArgument, "Invalid containerPort: " + port);
    b.containerPort = std::stoi(port);
    return b;
}

PortBinding parsePortFlag(const std::string &text)
{
    std::string rest = text, proto;
    if (const auto slash = rest.rfind('/'); slash != std::string::npos) {
        proto = rest.substr(slash);
        rest = rest.substr(0, slash);
    }
    std::string ip, host, ctr;
    const auto last = rest.rfind(':');
    if (last == std::string::npos) {
        ctr = rest;
    } else {
        ctr = rest.substr(last + 1);
        const std::string front = rest.substr(0, last);
        if (const auto first = front.rfind(':'); first != std::string::npos) {
            ip = front.substr(0, first);
            host = front.substr(first + 1);
        } else {
            host = front;
        }
    }
    if (ctr.empty())
        throw Error(ErrorCode::InvalidArgument, "No port specified: " + text + "<empty>");
    if (ip.find(':') != std::string::npos) // Docker reads the IP with Go's SplitHostPort(ip + ":")
        throw Error(ErrorCode::InvalidArgument,
                    "Invalid ip address " + ip + ": address " + ip + ":: too many colons in address");
    if (!ip.empty() && !parseIpv4(ip))
        throw Error(ErrorCode::InvalidArgument, "Invalid ip address: " + ip);
    if (!host.empty() && !isPortNumber(host))
        throw Error(ErrorCode::InvalidArgument, "Invalid hostPort: " + host);
    PortBinding b = parsePortKey(ctr + proto);
    b.hostIp = ip;
    b.hostPort = host;
    return b;
}

void addBinding(Json &portBindings, const PortBinding &b)
{
    if (!portBindings.is_object())
        portBindings = Json::object();
    Json &list = portBindings[b.key()];
    if (!list.is_array())
        list = Json::array();
    list.push_back({{"HostIp", b.hostIp}, {"HostPort", b.hostPort}});
}

std::vector<PortBinding> bindingsOf(const Json &portBindings)
{
    std::vector<PortBinding> out;
    if (!portBindings.is_object())
        return out;
    for (const auto &[key, list] : portBindings.items()) {
        PortBinding proto = parsePortKey(key);
        if (!list.is_array())
            continue;
        for (const auto &e : list) {
            PortBinding b = proto;
            b.hostIp = e.value("HostIp", "");
            b.hostPort = e.value("HostPort", "");
            out.push_back(b);
        }
    }
    return out;
}

std::string displayPorts(const Json &ports)
{
    std::string out;
    if (!ports.is_object())
        return out;
    for (const auto &[key, list] : ports.items()) {
        if (!list.is_array() || list.empty()) {
            out += (out.empty() ? "" : ", ") + key;
            continue;
        }
        for (const auto &e : list)
            out += (out.empty() ? "" : ", ") + e.value("HostIp", "0.0.0.0") + ":" + e.value("HostPort", "") + "->" + key;
    }
    return out;
}

std::vector<std::string> portLines(const Json &ports, const std::string &only)
{
    std::vector<std::string> out;
    if (!ports.is_object())
        return out;
    std::string want = only;
    if (!want.empty() && want.find('/') == std::string::npos)
        want += "/tcp";
    for (const auto &[key, list] : ports.items()) {
        if (!list.is_array() || (!want.empty() && key != want))
            continue;
        for (const auto &e : list) {
            const std::string addr = e.value("HostIp", "0.0.0.0") + ":" + e.value("HostPort", "");
            out.push_back(want.empty() ? key + " -> " + addr : addr);
        }
    }
    return out;
}

int ephemeralPort(const std::string &hostIp, const std::string &proto)
{
    const int port = tryBind(hostIp, 0, proto);
    if (port <= 0)
        throw Error(ErrorCode::Io, "could not find a free host port on " + (hostIp.empty() ? "0.0.0.0" : hostIp));
    return port;
}

void checkHostPortFree(const std::string &hostIp, int port, const std::string &proto)
{
    const int rc = tryBind(hostIp, port, proto);
    if (rc == -EADDRINUSE)
        throw Error(ErrorCode::Conflict, "Error starting userland proxy: listen " + proto + "4 " +
                                             (hostIp.empty() ? "0.0.0.0" : hostIp) + ":" + std::to_string(port) +
                                             ": bind: address already in use");
    if (rc == -EACCES) // rootless: below net.ipv4.ip_unprivileged_port_start (Docker rootless's words)
        throw Error(ErrorCode::InvalidArgument,
                    "cannot expose privileged port " + std::to_string(port) +
                        ", you can add 'net.ipv4.ip_unprivileged_port_start=" + std::to_string(port) +
                        "' to /etc/sysctl.conf, or choose a larger port number (>= 1024)");
    if (rc == -EADDRNOTAVAIL)
        throw Error(ErrorCode::InvalidArgument,
                    "listen " + proto + "4 " + hostIp + ":" + std::to_string(port) + ": bind: cannot assign requested address");
}

} // namespace strata::engine::network
