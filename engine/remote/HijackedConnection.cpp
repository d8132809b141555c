// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/remote/HijackedConnection.h"

#include "engine/Error.h"

#include <curl/curl.h>

#include <cerrno>
#include <cstring>

#include <dlfcn.h>
#include <poll.h>
#include <sys/socket.h>

namespace strata::engine::remote {
namespace {

// Sends TLS's close_notify on the hijacked connection: the end of the
// input, said inside TLS, which a TLS front (socat, a proxy) passes on as
// EOF where a bare TCP half-close reads to it as a broken stream. The
// OpenSSL session is curl's (CURLINFO_TLS_SSL_PTR); libssl is the one curl
// loaded (libcurl itself is opened lazily, registry/LazyLibcurl.cpp), so
// SSL_shutdown is looked up there rather than linked. False when that
// cannot be done (another TLS backend).
bool sendCloseNotify(CURL *h, int fd)
{
    curl_tlssessioninfo *info = nullptr;
    if (curl_easy_getinfo(h, CURLINFO_TLS_SSL_PTR, &info) != CURLE_OK || !info ||
        info->backend != CURLSSLBACKEND_OPENSSL || !info->internals)
        return false;
    using Shutdown = int (*)(void *);
    using GetError = int (*)(const void *, int);
    static const auto [shutdown, getError] = [] {
        for (const char *soname : {"libssl.so.3", "libssl.so.1.1"})
            if (void *lib = ::dlopen(soname, RTLD_NOW | RTLD_NOLOAD))
                return std::pair{reinterpret_cast<Shutdown>(::dlsym(lib, "SSL_shutdown")),
                                 reinterpret_cast<GetError>(::dlsym(lib, "SSL_get_error"))};
        return std::pair<Shutdown, GetError>{nullptr, nullptr};
    }();
    if (!shutdown || !getError)
        return false;
    constexpr int kWantRead = 2, kWantWrite = 3; // SSL_ERROR_WANT_READ/WRITE
    for (int tries = 0; tries < 50; ++tries) { // a non-blocking socket: the alert may wait for room
        const int rc = shutdown(info->internals);
        if (rc >= 0) // 0: sent, the peer's own not yet seen (it may go on writing)
            return true;
        const int err = getError(info->internals, rc);
        if (err != kWantWrite && err != kWantRead)
            return false;
        pollfd p{fd, POLLOUT, 0};
        ::poll(&p, 1, 100);
    }
    return false;
}

int socketOf(CURL *h)
{
    curl_socket_t fd = CURL_SOCKET_BAD;
    curl_easy_getinfo(h, CURLINFO_ACTIVESOCKET, &fd);
    return fd == CURL_SOCKET_BAD ? -1 : static_cast<int>(fd);
}

// Waits until `fd` can be read (or written); false on timeout.
bool waitFor(int fd, short events, int timeoutMs)
{
    pollfd p{fd, events, 0};
    for (;;) {
        const int n = ::poll(&p, 1, timeoutMs);
        if (n >= 0)
            return n > 0;
        if (errno != EINTR)
            return false;
    }
}

void sendAll(CURL *h, const std::string &prefix, std::string_view bytes)
{
    while (!bytes.empty()) {
        size_t sent = 0;
        const CURLcode rc = curl_easy_send(h, bytes.data(), bytes.size(), &sent);
        if (rc == CURLE_AGAIN) {
            (void)waitFor(socketOf(h), POLLOUT, 1000);
            continue;
        }
        if (rc != CURLE_OK)
            throw Error(ErrorCode::Io, prefix + "the stream was cut before its end (" + curl_easy_strerror(rc) + ")");
        bytes.remove_prefix(sent);
    }
}

std::string lower(std::string s)
{
    for (auto &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

} // namespace

UpgradeAnswer sendUpgrade(void *curl, const std::string &prefix, const std::string &request)
{
    auto *h = static_cast<CURL *>(curl);
    sendAll(h, prefix, request);
    std::string head;
    char buffer[16384];
    for (;;) {
        if (const auto end = head.find("\r\n\r\n"); end != std::string::npos) {
            UpgradeAnswer a;
            a.rest = head.substr(end + 4);
            head.resize(end);
            const auto space = head.find(' ');
            a.status = space == std::string::npos ? 0 : std::strtol(head.c_str() + space + 1, nullptr, 10);
            std::size_t at = head.find("\r\n");
            while (at != std::string::npos) {
                const std::size_t next = head.find("\r\n", at + 2);
                const std::string line = head.substr(at + 2, next == std::string::npos ? std::string::npos : next - at - 2);
                const auto colon = line.find(':');
                if (colon != std::string::npos) {
                    const std::string name = lower(line.substr(0, colon));
                    std::string value = line.substr(colon + 1);
                    value.erase(0, value.find_first_not_of(" \t"));
                    if (name == "content-type")
                        a.contentType = value;
                    else if (name == "content-length")
                        a.contentLength = std::strtol(value.c_str(), nullptr, 10);
                }
                at = next;
            }
            if (head.rfind("HTTP/1.", 0) != 0 || a.status == 0)
                throw Error(ErrorCode::Io, prefix + "the answer is not HTTP (not an Engine API?)");
            return a;
        }
        if (head.size() > 65536)
            throw Error(ErrorCode::Io, prefix + "the answer's head never ends (not an Engine API?)");
        size_t got = 0;
        const CURLcode rc = curl_easy_recv(h, buffer, sizeof buffer, &got);
        if (rc == CURLE_AGAIN) {
            if (!waitFor(socketOf(h), POLLIN, 60000))
                throw Error(ErrorCode::Io, prefix + "no answer within a minute");
            continue;
        }
        if (rc != CURLE_OK || got == 0)
            throw Error(ErrorCode::Io, prefix + "the connection closed without an answer (not an Engine API?)");
        head.append(buffer, got);
    }
}

HijackedConnection::HijackedConnection(void *curl, std::string prefix, bool tls, std::string early)
    : m_curl(curl), m_prefix(std::move(prefix)), m_tls(tls), m_early(std::move(early)),
      m_fd(socketOf(static_cast<CURL *>(curl)))
{
}

HijackedConnection::~HijackedConnection()
{
    curl_easy_cleanup(static_cast<CURL *>(m_curl));
}

bool HijackedConnection::read(std::string &into)
{
    into.append(m_early);
    m_early.clear();
    auto *h = static_cast<CURL *>(m_curl);
    char buffer[32768];
    // TLS may hold decrypted bytes the socket no longer shows: read until
    // curl says there is nothing more.
    for (;;) {
        size_t got = 0;
        const CURLcode rc = curl_easy_recv(h, buffer, sizeof buffer, &got);
        if (rc == CURLE_AGAIN)
            return true;
        if (rc != CURLE_OK)
            throw Error(ErrorCode::Io, m_prefix + "the stream was cut before its end (" + curl_easy_strerror(rc) + ")");
        if (got == 0)
            return false;
        into.append(buffer, got);
    }
}

void HijackedConnection::write(std::string_view bytes)
{
    sendAll(static_cast<CURL *>(m_curl), m_prefix, bytes);
}

void HijackedConnection::closeWrite()
{
    if (m_fd < 0)
        return;
    // Over TLS, close_notify first: a bare TCP half-close under TLS made a
    // TLS front (socat) drop the whole stream, output still to come
    // included. Then the socket's own half-close, as Docker's CLI does
    // (a daemon that reads TLS records sees EOF either way). Without
    // close_notify the input stays open rather than risk the stream.
    if (m_tls && !sendCloseNotify(static_cast<CURL *>(m_curl), m_fd))
        return;
    ::shutdown(m_fd, SHUT_WR);
}

} // namespace strata::engine::remote
