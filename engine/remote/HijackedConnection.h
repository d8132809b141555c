// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The connection the Engine API hands over after "101 UPGRADED" (attach,
// exec start): from then on a raw two-way stream of the container's
// terminal (with a TTY) or the 8-byte-header frames (StreamDemux.h) one way
// and stdin the other. libcurl keeps the transport (unix socket, TLS, the
// ssh relay) and moves the bytes (CURLOPT_CONNECT_ONLY, curl_easy_send/recv).

#include <memory>
#include <string>
#include <string_view>

namespace strata::engine::remote {

class HijackedConnection {
public:
    // Takes `curl` (a connected CURL *, CONNECT_ONLY) and the stream bytes
    // that came with the answer's head. `prefix` starts every error line.
    HijackedConnection(void *curl, std::string prefix, bool tls, std::string early);
    ~HijackedConnection();
    HijackedConnection(const HijackedConnection &) = delete;
    HijackedConnection &operator=(const HijackedConnection &) = delete;

    // "host unix:///x.sock: ", the start of its error lines.
    [[nodiscard]] const std::string &errorPrefix() const { return m_prefix; }
    // The socket, to poll for input.
    [[nodiscard]] int fd() const { return m_fd; }
    // Appends what arrived (without blocking); false once the host closed
    // the stream. Io "the stream was cut" on a reset.
    bool read(std::string &into);
    // Sends all of `bytes` (waiting for room); Io when the host is gone.
    void write(std::string_view bytes);
    // The input ended: half-closes the connection so the host closes the
    // container's stdin (over TLS: close_notify, then the socket's half-close).
    void closeWrite();

private:
    void *m_curl;
    std::string m_prefix;
    bool m_tls;
    std::string m_early;
    int m_fd = -1;
};

// Sends `request` on a connected CONNECT_ONLY handle and reads the answer's
// head: the status, the head's text (lower-case names) and the bytes after
// it in `rest`. Io naming the host when it closes or stays silent.
struct UpgradeAnswer {
    long status = 0;
    std::string contentType;
    long contentLength = -1;
    std::string rest;
};
[[nodiscard]] UpgradeAnswer sendUpgrade(void *curl, const std::string &prefix, const std::string &request);

} // namespace strata::engine::remote
