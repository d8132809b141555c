// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What pull and push report as they go, shaped like the Docker daemon's
// JSON progress messages so a front end can print Docker's transcript:
// {id: "latest", status: "Pulling from library/nginx"}, {id: "a2abf6c4d29d",
// status: "Downloading", current, total}, {status: "Digest: sha256:…"}.
// The sink may be called from several threads, never at the same time.

#include <cstdint>
#include <functional>
#include <string>

namespace strata::engine::registry {

struct ProgressMessage {
    std::string id;     // a tag, a 12-hex layer id, or "" for whole-operation lines
    std::string status; // "Pulling fs layer", "Downloading", "Pushed", "Digest: sha256:…"
    std::uint64_t current = 0;
    std::uint64_t total = 0;
    bool progress = false; // a progress update (drawn as a bar on a terminal, dropped elsewhere)
};

using ProgressSink = std::function<void(const ProgressMessage &)>;

struct PullRequest {
    std::string reference;  // NAME[:TAG|@DIGEST] as typed
    bool allTags = false;   // -a
    std::string platform;   // "os/arch[/variant]"; "" = the host's
};

struct PullResult {
    std::string reference;  // as pulled, fully qualified: "docker.io/library/nginx:latest"
    std::string digest;     // manifest (or index) digest of the last image pulled
    bool updated = false;   // a tag or digest reference was added or moved
};

struct PushResult {
    std::string tag;
    std::string digest;
    std::uint64_t size = 0; // manifest bytes
};

} // namespace strata::engine::registry
