// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One HTTP exchange over libcurl, as the registry client needs it: custom
// headers, a small body or a file to upload, the response body collected or
// streamed to a callback, response headers by lower-case name. Transport
// failures (no such host, refused, reset, timeout, TLS) throw TransportError
// with curl's explanation; an HTTP status is never an exception here.

#include "engine/Error.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace strata::engine::registry {

struct HttpRequest {
    std::string method = "GET";
    std::string url;
    std::vector<std::string> headers;  // "Name: value"
    std::string body;                  // sent when bodyFile is empty (PUT/POST/PATCH)
    std::filesystem::path bodyFile;    // or the bytes of this file
    // Receives the body as it arrives (only for 2xx answers, with the
    // status); returning false aborts the transfer. Null: the body is
    // collected in the response.
    std::function<bool(long, const char *, std::size_t)> onData;
    // Upload progress (bytes sent so far); returning false aborts.
    std::function<bool(std::uint64_t)> onSent;
    bool followRedirects = true;
};

struct HttpResponse {
    long status = 0;
    std::map<std::string, std::string> headers; // lower-case names; a repeated header keeps the first
    std::string body;                          // when no onData, or for non-2xx answers
    [[nodiscard]] std::string header(const std::string &lowerName) const;
};

// A failure below HTTP. `transient` when retrying may help (reset,
// truncated, timeout); `refused`/`unresolved` say why a host cannot be reached.
class TransportError : public Error {
public:
    TransportError(std::string message, bool transient, bool tls)
        : Error(ErrorCode::Io, std::move(message)), m_transient(transient), m_tls(tls)
    {
    }
    [[nodiscard]] bool transient() const { return m_transient; }
    [[nodiscard]] bool tls() const { return m_tls; }

private:
    bool m_transient;
    bool m_tls;
};

HttpResponse httpSend(const HttpRequest &request);

// RFC 4648 base64 (auth headers, config.json "auth").
[[nodiscard]] std::string base64Encode(const std::string &bytes);
[[nodiscard]] std::string base64Decode(const std::string &text);
// Percent-encodes a query value.
[[nodiscard]] std::string urlEncode(const std::string &text);

} // namespace strata::engine::registry
