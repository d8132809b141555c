// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The shim's side of attach.sock (AttachProtocol.h): accepts clients,
// fans the container's output out to all of them, and hands their input
// (stdin bytes, resizes, start) to the shim. Every socket is non-blocking;
// a client that stops reading is dropped once 4 MiB wait for it, so it can
// never stall the container.

#include "engine/runtime/AttachProtocol.h"
#include "engine/runtime/Terminal.h"

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <poll.h>
#include <string_view>
#include <vector>

namespace strata::engine::runtime {

class AttachServer {
public:
    struct Callbacks {
        std::function<void(std::string_view)> onStdin;
        std::function<void()> onCloseStdin;
        std::function<void(WindowSize)> onResize;
        std::function<void()> onStart;
    };

    AttachServer(const std::filesystem::path &bundleDir, Callbacks callbacks);
    ~AttachServer();

    // Appends the listening socket and every client; returns how many.
    size_t addPollFds(std::vector<pollfd> &fds) const;
    // Handles the entries addPollFds appended, starting at fds[first].
    void handle(const std::vector<pollfd> &fds, size_t first);

    // Serves `connected` (one end of a socketpair) as a client, as if it had
    // connected to the socket, but flow-controlled: never dropped for a
    // backlog (backlogged()).
    void adopt(UniqueFd connected);

    void broadcast(FrameType type, std::string_view payload);
    // True while 4 MiB wait for an adopted client: the shim stops reading
    // the container's output meanwhile (a full pipe blocks the command, as a
    // slow terminal would).
    [[nodiscard]] bool backlogged() const;
    // Tries for up to `timeout` to deliver what is queued, then closes every
    // client and removes the socket file.
    void shutdown(std::chrono::milliseconds timeout);

private:
    struct Client;
    void accept();
    bool readFrom(Client &c);
    bool flush(Client &c);
    void dispatch(const Frame &f);

    std::filesystem::path m_socketPath;
    UniqueFd m_listen;
    Callbacks m_callbacks;
    std::vector<std::unique_ptr<Client>> m_clients;
};

} // namespace strata::engine::runtime
