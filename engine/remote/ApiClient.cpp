// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/remote/ApiClient.h"

#include "engine/Error.h"
#include "engine/util/JsonDepth.h"
#include "engine/remote/HijackedConnection.h"
#include "engine/remote/SshRelay.h"

#include <curl/curl.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <sstream>

#include <poll.h>
#include <unistd.h>

namespace strata::engine::remote {

struct ApiClient::Curl {
    CURL *handle = nullptr;
    std::unique_ptr<SshRelay> ssh; // ssh:// only
};

namespace {

std::once_flag g_curlInit;

struct Sink {
    std::string *body;
    const std::function<bool(std::string_view)> *onData;
    bool stoppedByCaller = false;
    std::vector<std::pair<std::string, std::string>> *headers;
    const std::function<void()> *onHead = nullptr;
    const std::atomic<bool> *cancel = nullptr;
};

// Called by curl about once a second even while nothing arrives: a
// non-zero answer aborts the transfer (CURLE_ABORTED_BY_CALLBACK).
int checkCancel(void *user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    auto *sink = static_cast<Sink *>(user);
    if (sink->cancel && sink->cancel->load()) {
        sink->stoppedByCaller = true;
        return 1;
    }
    return 0;
}

size_t writeBody(char *data, size_t size, size_t n, void *user)
{
    auto *sink = static_cast<Sink *>(user);
    const size_t len = size * n;
    if (sink->onData) {
        if (!(*sink->onData)(std::string_view(data, len))) {
            sink->stoppedByCaller = true;
            return 0; // curl aborts the transfer (CURLE_WRITE_ERROR)
        }
    } else {
        sink->body->append(data, len);
    }
    return len;
}

size_t writeHeader(char *data, size_t size, size_t n, void *user)
{
    auto *sink = static_cast<Sink *>(user);
    const std::string line(data, size * n);
    if ((line == "\r\n" || line == "\n") && sink->onHead && *sink->onHead) // the blank line ends the head
        (*sink->onHead)();
    if (auto colon = line.find(':'); colon != std::string::npos) {
        std::string name = line.substr(0, colon), value = line.substr(colon + 1);
        for (auto &c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        value.erase(0, value.find_first_not_of(" \t"));
        value.erase(value.find_last_not_of(" \t\r\n") + 1);
        sink->headers->emplace_back(name, value);
    }
    return size * n;
}

bool isTlsFailure(CURLcode rc, const std::string &detail)
{
    switch (rc) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
        return true;
    default:
        // TLS 1.3: a refused client certificate arrives as an alert on the
        // first read.
        return detail.find("SSL") != std::string::npos || detail.find("alert") != std::string::npos;
    }
}

std::string headerValue(const std::vector<std::pair<std::string, std::string>> &headers, const std::string &name)
{
    for (const auto &[k, v] : headers)
        if (k == name)
            return v;
    return {};
}

} // namespace

int compareApiVersions(const std::string &a, const std::string &b)
{
    std::istringstream sa(a), sb(b);
    for (;;) {
        int x = 0, y = 0;
        char dot = 0;
        const bool moreA = static_cast<bool>(sa >> x), moreB = static_cast<bool>(sb >> y);
        if (!moreA && !moreB)
            return 0;
        if (x != y)
            return x < y ? -1 : 1;
        sa >> dot;
        sb >> dot;
    }
}

ApiClient::ApiClient(HostUrl host) : m_host(std::move(host)), m_curl(std::make_unique<Curl>())
{
    std::call_once(g_curlInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    m_curl->handle = curl_easy_init();
    if (!m_curl->handle)
        throw Error(ErrorCode::Internal, errorPrefix() + "curl_easy_init failed");
}

ApiClient::~ApiClient()
{
    curl_easy_cleanup(m_curl->handle); // closes the ssh connections: each ssh sees EOF
    m_curl->ssh.reset();
}

void ApiClient::watch(const std::atomic<bool> *cancel, std::function<void()> onHead)
{
    m_cancel = cancel;
    m_onHead = std::move(onHead);
}

std::string ApiClient::errorPrefix() const
{
    return "host " + m_host.text + ": ";
}

std::string ApiClient::urlFor(const std::string &path, bool versioned)
{
    std::string base;
    switch (m_host.scheme) {
    case HostUrl::Scheme::Unix:
    case HostUrl::Scheme::Ssh:
        base = "http://localhost";
        break;
    case HostUrl::Scheme::Tcp:
        base = (m_host.tls ? "https://" : "http://") + m_host.hostPort;
        break;
    }
    return base + (versioned ? "/v" + apiVersion() : std::string()) + path;
}

ApiClient::Response ApiClient::perform(const std::string &method, const std::string &url, const std::string &body,
                                       const std::function<bool(std::string_view)> *onData)
{
    CURL *h = m_curl->handle;
    curl_easy_reset(h);
    Response r;
    Sink sink{&r.body, onData, false, &r.headers, &m_onHead, m_cancel};
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, writeBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, writeHeader);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &sink);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "Strata-Client/" STRATA_VERSION);
    if (m_cancel) {
        curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, checkCancel);
        curl_easy_setopt(h, CURLOPT_XFERINFODATA, &sink);
    }
    setTransport(h);
    struct curl_slist *headers = nullptr;
    if (method != "GET") {
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
        headers = curl_slist_append(headers, "Content-Type: application/json");
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    }
    char curlError[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, curlError);
    const CURLcode rc = curl_easy_perform(h);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
    curl_slist_free_all(headers);
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.status);
    if (rc == CURLE_OK || ((rc == CURLE_WRITE_ERROR || rc == CURLE_ABORTED_BY_CALLBACK) && sink.stoppedByCaller))
        return r;

    throwTransportError(h, rc, r.status, curlError);
}

void ApiClient::setTransport(void *curl)
{
    CURL *h = static_cast<CURL *>(curl);
    switch (m_host.scheme) {
    case HostUrl::Scheme::Unix:
        curl_easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, m_host.path.c_str());
        break;
    case HostUrl::Scheme::Ssh:
        if (!m_curl->ssh)
            m_curl->ssh = std::make_unique<SshRelay>(m_host);
        curl_easy_setopt(h, CURLOPT_ABSTRACT_UNIX_SOCKET, m_curl->ssh->abstractName().c_str());
        break;
    case HostUrl::Scheme::Tcp:
        if (m_host.tls) {
            if (!m_host.caFile.empty())
                curl_easy_setopt(h, CURLOPT_CAINFO, m_host.caFile.c_str());
            if (!m_host.certFile.empty())
                curl_easy_setopt(h, CURLOPT_SSLCERT, m_host.certFile.c_str());
            if (!m_host.keyFile.empty())
                curl_easy_setopt(h, CURLOPT_SSLKEY, m_host.keyFile.c_str());
            curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, m_host.verify ? 1L : 0L);
            curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, m_host.verify ? 2L : 0L);
        }
        break;
    }
}

void ApiClient::throwTransportError(void *curl, int code, long status, const char *curlError)
{
    CURL *h = static_cast<CURL *>(curl);
    const auto rc = static_cast<CURLcode>(code);
    long osErrno = 0;
    curl_easy_getinfo(h, CURLINFO_OS_ERRNO, &osErrno);
    if (m_curl->ssh && m_curl->ssh->spawnErrno())
        osErrno = m_curl->ssh->spawnErrno();
    const std::string prefix = errorPrefix();
    const std::string detail = *curlError ? curlError : curl_easy_strerror(rc);
    const bool noAnswer = status == 0 && (rc == CURLE_GOT_NOTHING || rc == CURLE_SEND_ERROR ||
                                            rc == CURLE_RECV_ERROR || rc == CURLE_COULDNT_CONNECT);
    if (m_host.scheme == HostUrl::Scheme::Ssh && noAnswer) {
        if (auto said = m_curl->ssh->lastMessage(); !said.empty())
            throw Error(ErrorCode::Io, prefix + (said.rfind("ssh:", 0) == 0 ? "" : "ssh: ") + said);
    }
    // A peer that drops the connection mid-handshake (a client certificate
    // it does not trust) surfaces as a plain socket error.
    const bool droppedInHandshake = status == 0 && osErrno != ECONNREFUSED &&
                                    (rc == CURLE_RECV_ERROR || rc == CURLE_SEND_ERROR || rc == CURLE_GOT_NOTHING ||
                                     (rc == CURLE_COULDNT_CONNECT && osErrno == ENOTCONN));
    if (m_host.tls && droppedInHandshake && !isTlsFailure(rc, detail))
        throw Error(ErrorCode::Io, prefix + "TLS: the host closed the connection during the handshake "
                                            "(does it trust this client certificate?): " + detail);
    if (m_host.tls && isTlsFailure(rc, detail))
        throw Error(ErrorCode::Io, prefix + "TLS: " + detail);
    switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
        if (osErrno == ENOENT)
            throw Error(ErrorCode::Io, prefix + "no such socket (is the engine's API service running?)", ENOENT);
        if (osErrno == EACCES || osErrno == EPERM)
            throw Error(ErrorCode::PermissionDenied, prefix + "permission denied on the socket", static_cast<int>(osErrno));
        if (osErrno == ECONNREFUSED)
            throw Error(ErrorCode::Io, prefix + "connection refused (is the engine's API service running?)", ECONNREFUSED);
        throw Error(ErrorCode::Io, prefix + "cannot connect: " +
                                           (osErrno ? std::strerror(static_cast<int>(osErrno)) : curl_easy_strerror(rc)));
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
        if (status == 0 && rc == CURLE_GOT_NOTHING)
            throw Error(ErrorCode::Io, prefix + "the connection closed without an answer (not an Engine API?)");
        throw Error(ErrorCode::Io, prefix + "the stream was cut before its end (" + curl_easy_strerror(rc) + ")");
    default:
        throw Error(ErrorCode::Io, prefix + detail);
    }
}

void ApiClient::throwHttpError(const Response &r, const std::string &path) const
{
    // The Engine API's error body is {"message": "..."}.
    std::string message;
    const auto j = util::parseJsonOrDiscarded(r.body);
    if (j.is_object() && j.contains("message") && j["message"].is_string())
        message = j["message"].get<std::string>();
    else
        message = r.body.substr(0, r.body.find('\n'));
    if (message.empty())
        message = "HTTP " + std::to_string(r.status) + " for " + path;
    const ErrorCode code = r.status == 404 ? ErrorCode::NotFound
                           : r.status == 409 ? ErrorCode::Conflict
                           : r.status == 400 ? ErrorCode::InvalidArgument
                                             : ErrorCode::Io;
    // NotFound keeps the host's own wording ("No such image: x") so the
    // verbs can fall back (inspect: container, then image) as with the store.
    if (code == ErrorCode::NotFound)
        throw Error(code, message);
    throw Error(code, errorPrefix() + "HTTP " + std::to_string(r.status) + ": " + message);
}

void ApiClient::negotiate()
{
    if (!m_version.empty())
        return;
    const Response ping = perform("GET", urlFor("/_ping", false), {}, nullptr);
    if (ping.status != 200)
        throw Error(ErrorCode::Io, errorPrefix() + "/_ping answered HTTP " + std::to_string(ping.status) +
                                           " (not a Docker or Podman Engine API?)");
    std::string version = headerValue(ping.headers, "api-version");
    const std::string server = headerValue(ping.headers, "server");
    nlohmann::json v;
    if (version.empty() || server.empty()) {
        const Response r = perform("GET", urlFor("/version", false), {}, nullptr);
        v = util::parseJsonOrDiscarded(r.body);
        if (r.status != 200 || !v.is_object())
            throw Error(ErrorCode::Io, errorPrefix() + "/version did not answer JSON (not an Engine API?)");
        if (version.empty())
            version = v.value("ApiVersion", "");
    }
    if (version.empty())
        throw Error(ErrorCode::Io, errorPrefix() + "the host does not say which API version it speaks");
    if (compareApiVersions(version, kMinApiVersion) < 0)
        throw Error(ErrorCode::Unsupported, errorPrefix() + "Engine API " + version + " is too old (Strata needs " +
                                                    kMinApiVersion + " or later)");
    m_version = compareApiVersions(version, kApiVersion) < 0 ? version : kApiVersion;
    const bool podman = server.find("Libpod") != std::string::npos ||
                        !headerValue(ping.headers, "libpod-api-version").empty() ||
                        (v.is_object() && v.dump().find("Podman") != std::string::npos);
    m_engine = podman ? "Podman" : "Docker";
}

const std::string &ApiClient::apiVersion()
{
    negotiate();
    return m_version;
}

const std::string &ApiClient::engineName()
{
    negotiate();
    return m_engine;
}

std::string ApiClient::request(const std::string &method, const std::string &path, const std::string &body)
{
    Response r = perform(method, urlFor(path, true), body, nullptr);
    if (r.status >= 400)
        throwHttpError(r, path);
    return std::move(r.body);
}

nlohmann::json ApiClient::getJson(const std::string &path)
{
    return parseAnswer(request("GET", path), path);
}

nlohmann::json ApiClient::parseAnswer(const std::string &body, const std::string &path) const
{
    auto j = util::parseJsonOrDiscarded(body);
    if (j.is_discarded())
        throw Error(ErrorCode::Io, errorPrefix() + path + " did not answer JSON (or nested it deeper than " +
                                       std::to_string(util::kMaxJsonDepth) + " levels)");
    return j;
}

void ApiClient::stream(const std::string &path, const std::function<bool(std::string_view)> &onData)
{
    stream("GET", path, {}, onData);
}

void ApiClient::stream(const std::string &method, const std::string &path, const std::string &body,
                       const std::function<bool(std::string_view)> &onData)
{
    // Errors arrive as a short JSON body: collect the body until the status
    // is known to be a success, then hand chunks over as they come.
    std::string pending;
    bool ok = false, decided = false;
    const std::function<bool(std::string_view)> gate = [&](std::string_view chunk) {
        if (!decided) {
            long status = 0;
            curl_easy_getinfo(m_curl->handle, CURLINFO_RESPONSE_CODE, &status);
            ok = status < 400;
            decided = true;
        }
        if (!ok) {
            pending.append(chunk);
            return true;
        }
        return onData(chunk);
    };
    Response r = perform(method, urlFor(path, true), body, &gate);
    if (r.status >= 400) {
        r.body = pending;
        throwHttpError(r, path);
    }
}

std::unique_ptr<HijackedConnection> ApiClient::hijack(const std::string &path, const std::string &body)
{
    const std::string versioned = "/v" + apiVersion() + path;
    CURL *h = curl_easy_init();
    if (!h)
        throw Error(ErrorCode::Internal, errorPrefix() + "curl_easy_init failed");
    std::unique_ptr<CURL, void (*)(CURL *)> owned(h, curl_easy_cleanup);
    curl_easy_setopt(h, CURLOPT_URL, urlFor("/", false).c_str());
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(h, CURLOPT_CONNECT_ONLY, 1L);
    setTransport(h);
    char curlError[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, curlError);
    const CURLcode rc = curl_easy_perform(h);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
    if (rc != CURLE_OK)
        throwTransportError(h, rc, 0, curlError);

    const std::string hostHeader = m_host.scheme == HostUrl::Scheme::Tcp ? m_host.hostPort : "localhost";
    const std::string request = "POST " + versioned + " HTTP/1.1\r\nHost: " + hostHeader +
                                "\r\nUser-Agent: Strata-Client/" STRATA_VERSION
                                "\r\nContent-Type: application/json\r\nContent-Length: " +
                                std::to_string(body.size()) + "\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n" + body;
    UpgradeAnswer a = sendUpgrade(h, errorPrefix(), request);
    if (a.status >= 400) {
        Response r;
        r.status = a.status;
        r.body = std::move(a.rest);
        // The error's JSON body follows the head (Content-Length, or up to the close).
        HijackedConnection rest(owned.release(), errorPrefix(), m_host.tls, {});
        pollfd p{rest.fd(), POLLIN, 0};
        try {
            while ((a.contentLength < 0 || r.body.size() < static_cast<std::size_t>(a.contentLength)) &&
                   ::poll(&p, 1, 5000) > 0 && rest.read(r.body)) {
            }
        } catch (const Error &) { // a reset after the head: the status alone says it
        }
        throwHttpError(r, path);
    }
    // 101 is the answer to the Upgrade; an older daemon may answer 200 and
    // switch all the same (its raw-stream content type says so).
    const bool switched = a.status == 101 || (a.status == 200 && a.contentType.find("vnd.docker") != std::string::npos);
    if (!switched)
        throw Error(ErrorCode::Unsupported, errorPrefix() + "POST " + path.substr(0, path.find('?')) + " answered HTTP " +
                                                std::to_string(a.status) +
                                                " without switching to a stream: this host does not support attaching");
    return std::make_unique<HijackedConnection>(owned.release(), errorPrefix(), m_host.tls, std::move(a.rest));
}

} // namespace strata::engine::remote
