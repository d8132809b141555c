// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An HTTP client for the Docker Engine API (1.41) and Podman's compatible
// API, over a unix socket, tcp (optionally TLS) or ssh (`docker system
// dial-stdio` on the far side, as the Docker CLI does). Every failure is an
// engine Error whose one line names the host and the problem.

#include "engine/remote/HostUrl.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace strata::engine::remote {

class HijackedConnection;

class ApiClient {
public:
    // The API version Strata speaks, and the oldest it accepts from a host.
    static constexpr const char *kApiVersion = "1.41";
    static constexpr const char *kMinApiVersion = "1.30";

    explicit ApiClient(HostUrl host);
    ~ApiClient();
    ApiClient(const ApiClient &) = delete;
    ApiClient &operator=(const ApiClient &) = delete;

    [[nodiscard]] const HostUrl &host() const { return m_host; }

    // GET /_ping (then /version when the ping has no Api-Version header) and
    // settles on min(host's version, kApiVersion). Runs once, on first use.
    void negotiate();
    [[nodiscard]] const std::string &apiVersion();
    // "Docker" or "Podman" (from the ping's Server header or /version).
    [[nodiscard]] const std::string &engineName();

    // A versioned request ("/containers/json?all=1"); returns the body.
    // HTTP >= 400: NotFound for 404, Conflict for 409, else Io, with the
    // host's message.
    std::string request(const std::string &method, const std::string &path, const std::string &body = {});
    nlohmann::json getJson(const std::string &path);
    // An answer's body as JSON, nesting bounded (util/JsonDepth.h); Io naming `path` otherwise.
    [[nodiscard]] nlohmann::json parseAnswer(const std::string &body, const std::string &path) const;
    // Streams a GET body as it arrives; `onData` returning false ends the
    // stream early (not an error). A stream cut before its end is an error.
    void stream(const std::string &path, const std::function<bool(std::string_view)> &onData);
    // The same for a request with a body (exec start, pull's progress).
    void stream(const std::string &method, const std::string &path, const std::string &body,
                const std::function<bool(std::string_view)> &onData);

    // POST `path` asking the host to hand the connection over to a raw
    // two-way stream (Connection: Upgrade, Upgrade: tcp; the Engine API's
    // "hijacking": attach, exec start). The connection is a new one of its
    // own, so requests (resize, wait) go on meanwhile. HTTP errors as
    // request(); Unsupported when the host answers without switching.
    [[nodiscard]] std::unique_ptr<HijackedConnection> hijack(const std::string &path, const std::string &body);

    // For a client that waits on one long answer (HostExitWait.h): `onHead`
    // runs once each answer's head has arrived (the host holds the request),
    // and `cancel` set from another thread ends a transfer within about a
    // second, as a stream's onData returning false does.
    void watch(const std::atomic<bool> *cancel, std::function<void()> onHead);

    // "host unix:///x.sock: " — the prefix of every error line.
    [[nodiscard]] std::string errorPrefix() const;

private:
    struct Response {
        long status = 0;
        std::string body;
        std::vector<std::pair<std::string, std::string>> headers;
    };
    Response perform(const std::string &method, const std::string &url, const std::string &body,
                     const std::function<bool(std::string_view)> *onData);
    [[nodiscard]] std::string urlFor(const std::string &path, bool versioned);
    // unix socket, ssh relay or TLS files on a curl handle (void *: CURL *).
    void setTransport(void *curl);
    // A failed transfer as one line naming the host (code: a CURLcode).
    [[noreturn]] void throwTransportError(void *curl, int code, long status, const char *curlError);
    [[noreturn]] void throwHttpError(const Response &r, const std::string &path) const;

    HostUrl m_host;
    std::string m_version;
    std::string m_engine;
    const std::atomic<bool> *m_cancel = nullptr;
    std::function<void()> m_onHead;

public:
    struct Curl; // curl's handle and the ssh processes (ApiClient.cpp)

private:
    std::unique_ptr<Curl> m_curl;
};

// "1.41" < "1.9"? No: numeric per component.
[[nodiscard]] int compareApiVersions(const std::string &a, const std::string &b);

} // namespace strata::engine::remote
