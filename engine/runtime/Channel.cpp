// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/Channel.h"

#include "engine/Error.h"

#include <cerrno>
#include <cstring>
#include <memory>
#include <string_view>
#include <sys/socket.h>

namespace strata::engine::runtime {
namespace {

constexpr size_t kMaxMessage = 64 * 1024;

} // namespace

ChannelPair makeChannelPair()
{
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) != 0)
        throwErrno("socketpair");
    return ChannelPair{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

bool trySendMessage(int channel, const nlohmann::json &body, int fdToPass) noexcept
{
    std::string text;
    try {
        text = body.dump();
    } catch (...) {
        return false;
    }
    iovec iov{text.data(), text.size()};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    if (fdToPass >= 0) {
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        cmsghdr *c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int));
        std::memcpy(CMSG_DATA(c), &fdToPass, sizeof(int));
    }
    for (;;) {
        if (::sendmsg(channel, &msg, MSG_NOSIGNAL) >= 0)
            return true;
        if (errno != EINTR)
            return false;
    }
}

void sendMessage(int channel, const nlohmann::json &body, int fdToPass)
{
    if (!trySendMessage(channel, body, fdToPass))
        throwErrno("send message");
}

std::optional<Message> receiveMessage(int channel)
{
    // Uninitialised: zeroing 64 KiB per message cost more than the message.
    const std::unique_ptr<char[]> buf(new char[kMaxMessage]);
    iovec iov{buf.get(), kMaxMessage};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t n;
    do {
        n = ::recvmsg(channel, &msg, MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        if (errno == ECONNRESET)
            return std::nullopt;
        throwErrno("receive message");
    }
    Message m;
    for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            int fd;
            std::memcpy(&fd, CMSG_DATA(c), sizeof(int));
            m.fd.reset(fd);
        }
    }
    if (n == 0)
        return std::nullopt;
    m.body = nlohmann::json::parse(std::string_view(buf.get(), static_cast<size_t>(n)), nullptr, false);
    if (m.body.is_discarded())
        throw Error(ErrorCode::Internal, "malformed message on runtime channel");
    return m;
}

} // namespace strata::engine::runtime
