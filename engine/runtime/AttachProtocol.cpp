// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/AttachProtocol.h"

#include "engine/Error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace strata::engine::runtime {
namespace {

namespace fs = std::filesystem;

void putBe32(std::string &out, std::uint32_t v)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<char>((v >> shift) & 0xff));
}

std::uint32_t getBe32(const unsigned char *p)
{
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

// Runs fn(address) with a sockaddr naming bundleDir/attach.sock, going
// through /proc/self/fd when the plain path does not fit.
int withSocketAddress(const fs::path &bundleDir, const std::function<int(const sockaddr_un &)> &fn)
{
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::string path = (bundleDir / "attach.sock").string();
    UniqueFd dirFd;
    if (path.size() >= sizeof addr.sun_path) {
        dirFd.reset(::open(bundleDir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
        if (!dirFd)
            throwErrno("open " + bundleDir.string());
        path = "/proc/self/fd/" + std::to_string(dirFd.get()) + "/attach.sock";
    }
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    return fn(addr);
}

} // namespace

std::string encodeFrame(FrameType type, std::string_view payload)
{
    std::string out;
    out.reserve(kFrameHeaderSize + payload.size());
    out.push_back(static_cast<char>(type));
    out.append(3, '\0');
    putBe32(out, static_cast<std::uint32_t>(payload.size()));
    out.append(payload);
    return out;
}

std::string encodeResize(std::uint16_t rows, std::uint16_t cols)
{
    std::string p;
    p.push_back(static_cast<char>(rows >> 8));
    p.push_back(static_cast<char>(rows & 0xff));
    p.push_back(static_cast<char>(cols >> 8));
    p.push_back(static_cast<char>(cols & 0xff));
    return encodeFrame(FrameType::Resize, p);
}

bool decodeResize(std::string_view payload, std::uint16_t &rows, std::uint16_t &cols)
{
    if (payload.size() != 4)
        return false;
    const auto *p = reinterpret_cast<const unsigned char *>(payload.data());
    rows = static_cast<std::uint16_t>((p[0] << 8) | p[1]);
    cols = static_cast<std::uint16_t>((p[2] << 8) | p[3]);
    return true;
}

void FrameDecoder::feed(std::string_view bytes)
{
    m_buffer.append(bytes);
    size_t pos = 0;
    while (m_buffer.size() - pos >= kFrameHeaderSize) {
        const auto *h = reinterpret_cast<const unsigned char *>(m_buffer.data() + pos);
        const std::uint32_t len = getBe32(h + 4);
        if (len > kMaxFramePayload)
            throw Error(ErrorCode::Internal, "attach stream: frame of " + std::to_string(len) + " bytes");
        if (m_buffer.size() - pos - kFrameHeaderSize < len)
            break;
        m_frames.push_back({static_cast<FrameType>(h[0]), m_buffer.substr(pos + kFrameHeaderSize, len)});
        pos += kFrameHeaderSize + len;
    }
    m_buffer.erase(0, pos);
}

std::vector<Frame> FrameDecoder::take()
{
    return std::exchange(m_frames, {});
}

fs::path attachSocketPath(const fs::path &bundleDir)
{
    return bundleDir / "attach.sock";
}

UniqueFd listenAttachSocket(const fs::path &bundleDir)
{
    UniqueFd s(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (!s)
        throwErrno("socket");
    ::unlink(attachSocketPath(bundleDir).c_str());
    withSocketAddress(bundleDir, [&](const sockaddr_un &a) {
        if (::bind(s.get(), reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0)
            throwErrno("bind " + attachSocketPath(bundleDir).string());
        return 0;
    });
    if (::listen(s.get(), 16) != 0)
        throwErrno("listen");
    return s;
}

UniqueFd connectAttachSocket(const fs::path &bundleDir)
{
    UniqueFd s(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!s)
        throwErrno("socket");
    withSocketAddress(bundleDir, [&](const sockaddr_un &a) {
        int rc;
        do {
            rc = ::connect(s.get(), reinterpret_cast<const sockaddr *>(&a), sizeof a);
        } while (rc != 0 && errno == EINTR);
        if (rc != 0) {
            const int err = errno;
            if (err == ENOENT || err == ECONNREFUSED)
                throw Error(ErrorCode::NotFound, "container is not running (no shim listening)", err);
            throwErrno("connect " + attachSocketPath(bundleDir).string(), err);
        }
        return 0;
    });
    return s;
}

} // namespace strata::engine::runtime
