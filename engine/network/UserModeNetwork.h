// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Rootless networking: without root there are no bridges, veths or iptables
// rules, so each container's own network namespace (made by the runtime in
// the container's user namespace) gets a TAP device driven by Debian's
// slirp4netns, a user-mode TCP/IP stack that turns the container's packets
// into ordinary sockets of the calling user on the host. That gives outbound
// access (NAT in all but name) and, through its API socket's add_hostfwd,
// published ports: slirp4netns itself listens on the host port.
//
// slirp4netns outlives the CLI (a new session, reparented) and ends with the
// container: its --exit-fd is a pidfd of the container's PID 1, which
// becomes readable the moment that process exits.

#include "engine/network/Ports.h"

#include <filesystem>
#include <string>
#include <sys/types.h>

namespace strata::engine::network {

// slirp4netns's fixed addressing with --configure (its defaults).
inline constexpr const char *kUserModeAddress = "10.0.2.100";
inline constexpr const char *kUserModeGateway = "10.0.2.2"; // the host, as the container sees it
inline constexpr int kUserModePrefixLen = 24;
inline constexpr const char *kUserModeInterface = "tap0";

// $STRATA_SLIRP4NETNS, else Debian's /usr/bin/slirp4netns.
[[nodiscard]] std::filesystem::path slirp4netnsPath();
// "" when this user can have slirp4netns make a TAP device, else why not
// ("/usr/bin/slirp4netns (Debian's slirp4netns) is not installed", ...).
[[nodiscard]] std::string userModeUnavailable();

// $STRATA_SLIRP_HOST_LOOPBACK=1: 10.0.2.2 reaches the host's 127.0.0.1 too
// (Docker's rootless mode, like slirp4netns's --disable-host-loopback by
// default, keeps containers from services that trust loopback).
[[nodiscard]] bool hostLoopbackAllowed();

// Which network containers get here, for `info` and the refusals.
struct NetworkModeInfo {
    std::string mode; // "bridge (CNI)", "slirp4netns" or "none"
    std::string why;  // one sentence
};
[[nodiscard]] NetworkModeInfo hostNetworkMode(bool rootless);

struct UserModeNetwork {
    pid_t pid = 0;                   // slirp4netns
    std::filesystem::path apiSocket; // its add_hostfwd socket
};

// Starts slirp4netns for the namespaces of `containerPid` and returns once
// the TAP device is configured. Its stderr goes to `logFile` (quoted in the
// error when it fails). Throws Io naming what went wrong.
[[nodiscard]] UserModeNetwork startSlirp4netns(pid_t containerPid, const std::filesystem::path &apiSocket,
                                               const std::filesystem::path &logFile);

// add_hostfwd: slirp4netns listens on hostIp:hostPort (hostPort set) and
// forwards to the container's port. Throws Conflict with slirp4netns's answer.
void addHostForward(const std::filesystem::path &apiSocket, const PortBinding &b);

// Ends it (when the pid is still that slirp4netns), waits until it is gone,
// removes the socket. Idempotent.
void stopSlirp4netns(const UserModeNetwork &n);

} // namespace strata::engine::network
