// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Name resolution on user-defined networks, kept in each container's
// /etc/hosts by the engine: after the localhost lines, one line per
// container sharing a network with it ("IP name alias... shortid").
//
// Why a hosts file and not a DNS responder (Docker's 127.0.0.11): Strata
// has no daemon that outlives the CLI to answer queries, and every libc
// (glibc, musl, busybox) reads /etc/hosts with no process running. The
// engine rewrites the files of every container on a network whenever an
// endpoint appears or goes (start, stop, connect, disconnect), so a
// restart that changes an address is seen at once. The file is rewritten
// in place: it is bind-mounted, and a rename would leave the container
// looking at the old inode.

#include <filesystem>
#include <string>
#include <vector>

namespace strata::engine::network {

struct HostEntry {
    std::string ip;
    std::vector<std::string> names; // name, aliases, short id
};

// Replaces the section after the marker (keeps what is above it).
void writePeerHosts(const std::filesystem::path &hostsFile, const std::vector<HostEntry> &entries);

} // namespace strata::engine::network
