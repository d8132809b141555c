// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/AttachServer.h"

#include "engine/Error.h"

#include <algorithm>
#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

namespace strata::engine::runtime {
namespace {

constexpr size_t kMaxQueued = 4 << 20;

} // namespace

struct AttachServer::Client {
    UniqueFd fd;
    FrameDecoder decoder;
    std::string out; // encoded frames not yet written
    bool dead = false;
    // Adopted at the shim's birth: the start's own caller, which may come to
    // read late and must miss nothing. Never dropped for a backlog; the
    // output waits for it instead (backlogged()), as for a slow terminal.
    bool flowControlled = false;
};

AttachServer::AttachServer(const std::filesystem::path &bundleDir, Callbacks callbacks)
    : m_socketPath(attachSocketPath(bundleDir)), m_listen(listenAttachSocket(bundleDir)),
      m_callbacks(std::move(callbacks))
{
}

AttachServer::~AttachServer() = default;

size_t AttachServer::addPollFds(std::vector<pollfd> &fds) const
{
    fds.push_back({m_listen.get(), POLLIN, 0});
    for (const auto &c : m_clients)
        fds.push_back({c->fd.get(), static_cast<short>(POLLIN | (c->out.empty() ? 0 : POLLOUT)), 0});
    return 1 + m_clients.size();
}

void AttachServer::handle(const std::vector<pollfd> &fds, size_t first)
{
    const bool incoming = fds[first].revents & POLLIN;
    // Only entries that were polled: accept() below adds clients after them.
    for (size_t i = 0; i + first + 1 < fds.size() && i < m_clients.size(); ++i) {
        Client &c = *m_clients[i];
        const short ev = fds[first + 1 + i].revents;
        if ((ev & POLLOUT) && !flush(c))
            c.dead = true;
        if ((ev & (POLLIN | POLLHUP | POLLERR)) && !c.dead && !readFrom(c))
            c.dead = true;
    }
    std::erase_if(m_clients, [](const auto &c) { return c->dead; });
    if (incoming)
        accept();
}

void AttachServer::accept()
{
    for (;;) {
        int fd = ::accept4(m_listen.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd < 0)
            return; // EAGAIN: no more; other errors: try again next poll
        auto c = std::make_unique<Client>();
        c->fd.reset(fd);
        m_clients.push_back(std::move(c));
    }
}

void AttachServer::adopt(UniqueFd connected)
{
    setCloseOnExec(connected.get());
    setNonBlocking(connected.get());
    auto c = std::make_unique<Client>();
    c->fd = std::move(connected);
    c->flowControlled = true;
    m_clients.push_back(std::move(c));
}

bool AttachServer::readFrom(Client &c)
{
    char buf[16384];
    for (;;) {
        long n = readSome(c.fd.get(), buf, sizeof buf);
        if (n == 0)
            return false;
        if (n < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK;
        try {
            c.decoder.feed(std::string_view(buf, static_cast<size_t>(n)));
        } catch (const Error &) {
            return false; // garbage: drop the client
        }
        for (const Frame &f : c.decoder.take())
            dispatch(f);
    }
}

void AttachServer::dispatch(const Frame &f)
{
    switch (f.type) {
    case FrameType::Stdin:
        if (m_callbacks.onStdin)
            m_callbacks.onStdin(f.payload);
        break;
    case FrameType::CloseStdin:
        if (m_callbacks.onCloseStdin)
            m_callbacks.onCloseStdin();
        break;
    case FrameType::Resize: {
        WindowSize ws;
        if (decodeResize(f.payload, ws.rows, ws.cols) && m_callbacks.onResize)
            m_callbacks.onResize(ws);
        break;
    }
    case FrameType::Start:
        if (m_callbacks.onStart)
            m_callbacks.onStart();
        break;
    default:
        break; // output frame types are not for us
    }
}

bool AttachServer::flush(Client &c)
{
    while (!c.out.empty()) {
        ssize_t n = ::send(c.fd.get(), c.out.data(), c.out.size(), MSG_NOSIGNAL);
        if (n < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
        c.out.erase(0, static_cast<size_t>(n));
    }
    return true;
}

void AttachServer::broadcast(FrameType type, std::string_view payload)
{
    if (m_clients.empty())
        return;
    const std::string frame = encodeFrame(type, payload);
    for (auto &c : m_clients) {
        c->out += frame;
        if (!c->dead && (!flush(*c) || (c->out.size() > kMaxQueued && !c->flowControlled)))
            c->dead = true; // removed by the next handle()
    }
}

bool AttachServer::backlogged() const
{
    return std::any_of(m_clients.begin(), m_clients.end(),
                       [](const auto &c) { return c->flowControlled && !c->dead && c->out.size() > kMaxQueued; });
}

void AttachServer::shutdown(std::chrono::milliseconds timeout)
{
    using namespace std::chrono;
    const auto deadline = steady_clock::now() + timeout;
    for (auto &c : m_clients) {
        while (!c->out.empty() && flush(*c) && steady_clock::now() < deadline) {
            pollfd p{c->fd.get(), POLLOUT, 0};
            (void)::poll(&p, 1, 20);
        }
    }
    m_clients.clear();
    m_listen.reset();
    ::unlink(m_socketPath.c_str());
}

} // namespace strata::engine::runtime
