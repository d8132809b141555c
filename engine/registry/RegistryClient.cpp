// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/registry/RegistryClient.h"

#include "engine/image/MediaTypes.h"
#include "engine/registry/RegistryHost.h"
#include "engine/util/JsonDepth.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <fcntl.h>
#include <map>
#include <thread>
#include <unistd.h>

namespace strata::engine::registry {
namespace {

constexpr int kAttempts = 5;

// WWW-Authenticate: Bearer realm="…",service="…",scope="…"
struct Challenge {
    std::string scheme; // "bearer" / "basic"
    std::map<std::string, std::string> params;
};

Challenge parseChallenge(const std::string &header)
{
    Challenge c;
    const auto sp = header.find(' ');
    c.scheme = header.substr(0, sp);
    std::transform(c.scheme.begin(), c.scheme.end(), c.scheme.begin(), ::tolower);
    std::size_t i = sp == std::string::npos ? header.size() : sp + 1;
    while (i < header.size()) {
        while (i < header.size() && (header[i] == ' ' || header[i] == ','))
            ++i;
        const auto eq = header.find('=', i);
        if (eq == std::string::npos)
            break;
        std::string key = header.substr(i, eq - i);
        std::transform(key.begin(), key.end(), key.begin(), ::tolower);
        std::string value;
        i = eq + 1;
        if (i < header.size() && header[i] == '"') {
            for (++i; i < header.size() && header[i] != '"'; ++i) {
                if (header[i] == '\\' && i + 1 < header.size())
                    ++i;
                value += header[i];
            }
            ++i;
        } else {
            const auto end = header.find(',', i);
            value = header.substr(i, end == std::string::npos ? std::string::npos : end - i);
            i = end == std::string::npos ? header.size() : end;
        }
        c.params[key] = value;
    }
    return c;
}

// Docker's errcode text: "manifest unknown: manifest unknown".
std::string describe(const HttpResponse &r)
{
    try {
        const auto j = util::parseJsonOrDiscarded(r.body);
        if (j.contains("errors") && j["errors"].is_array() && !j["errors"].empty()) {
            std::string out;
            for (const auto &e : j["errors"]) {
                std::string code = e.value("code", "");
                std::transform(code.begin(), code.end(), code.begin(),
                               [](char ch) { return ch == '_' ? ' ' : static_cast<char>(::tolower(ch)); });
                const std::string message = e.value("message", "");
                out += (out.empty() ? "" : ", ") + code + (message.empty() ? "" : ": " + message);
            }
            return out;
        }
        if (j.contains("details") && j["details"].is_string())
            return j["details"].get<std::string>();
    } catch (const nlohmann::json::exception &) {
    }
    switch (r.status) {
    case 401: return "unauthorized: authentication required";
    case 403: return "denied: requested access to the resource is denied";
    case 404: return "not found";
    default: break;
    }
    std::string body = r.body.substr(0, 200);
    body.erase(std::remove(body.begin(), body.end(), '\n'), body.end());
    return body.empty() ? "unexpected answer" : body;
}

std::string mediaTypeOf(const HttpResponse &r, const std::string &bytes)
{
    std::string type = r.header("content-type");
    type = type.substr(0, type.find(';'));
    if (type.empty() || type == "application/json" || type == "text/plain") {
        try {
            const auto j = util::parseJsonOrDiscarded(bytes);
            if (j.is_object() && j.contains("mediaType") && j["mediaType"].is_string())
                return j["mediaType"].get<std::string>();
            if (j.is_object() && j.contains("manifests"))
                return std::string(image::media::kOciIndex);
            if (j.is_object() && j.contains("config"))
                return std::string(image::media::kOciManifest);
        } catch (const nlohmann::json::exception &) {
        }
    }
    return type;
}

bool retryable(long status) { return status == 429 || status >= 500; }

void backoff(int attempt)
{
    // 0.2 s, 0.4 s, 0.8 s, 1.6 s between the five attempts.
    std::this_thread::sleep_for(std::chrono::milliseconds(200 << attempt));
}

} // namespace

RegistryClient::RegistryClient(std::string domain, std::string repository, bool push)
    : m_domain(std::move(domain)), m_repository(std::move(repository)), m_push(push)
{
}

std::string RegistryClient::baseUrl()
{
    std::lock_guard lock(m_mutex);
    if (!m_base.empty())
        return m_base;
    const std::string host = apiHost(m_domain);
    if (!allowsPlainHttp(m_domain)) {
        m_base = "https://" + host;
        return m_base;
    }
    // As Docker does for insecure registries: HTTPS first, plain HTTP when
    // the TLS handshake fails.
    try {
        HttpRequest ping;
        ping.url = "https://" + host + "/v2/";
        (void)httpSend(ping);
        m_base = "https://" + host;
    } catch (const TransportError &) {
        m_base = "http://" + host;
    }
    return m_base;
}

HttpResponse RegistryClient::sendOnce(HttpRequest &request)
{
    std::string auth;
    {
        std::lock_guard lock(m_mutex);
        auth = m_authorization;
    }
    HttpRequest r = request;
    if (!auth.empty())
        r.headers.push_back(auth);
    return httpSend(r);
}

HttpResponse RegistryClient::send(HttpRequest request, const std::string &what)
{
    if (!request.url.empty() && request.url.front() == '/')
        request.url = baseUrl() + request.url;
    try {
        HttpResponse r = sendOnce(request);
        if (r.status == 401) {
            authenticate(r, what);
            r = sendOnce(request);
        }
        return r;
    } catch (TransportError &e) {
        e.withContext(where() + ": " + what);
        throw;
    }
}

void RegistryClient::authenticate(const HttpResponse &response, const std::string &what)
{
    const Challenge c = parseChallenge(response.header("www-authenticate"));
    std::lock_guard lock(m_mutex);
    if (!m_credentialsLoaded) {
        m_credentials = loadCredentials(m_domain);
        m_credentialsLoaded = true;
    }
    const std::string basic = m_credentials.empty()
                                  ? std::string()
                                  : "Basic " + base64Encode(m_credentials.username + ":" + m_credentials.password);
    if (c.scheme == "basic") {
        if (basic.empty())
            throw Error(ErrorCode::PermissionDenied,
                        where() + ": " + what + ": no basic auth credentials (HTTP 401); try `strata login " +
                            m_domain + "`");
        if (m_authorization == "Authorization: " + basic)
            fail(response, what);
        m_authorization = "Authorization: " + basic;
        return;
    }
    if (c.scheme != "bearer" || !c.params.count("realm"))
        fail(response, what);
    std::string url = c.params.at("realm");
    url += url.find('?') == std::string::npos ? "?" : "&";
    if (c.params.count("service"))
        url += "service=" + urlEncode(c.params.at("service")) + "&";
    // A login check asks for no repository scope.
    if (!m_repository.empty())
        url += "scope=" + urlEncode("repository:" + m_repository + (m_push ? ":pull,push" : ":pull"));
    HttpRequest token;
    token.url = url;
    if (!basic.empty())
        token.headers.push_back("Authorization: " + basic);
    HttpResponse t;
    try {
        t = httpSend(token);
    } catch (TransportError &e) {
        e.withContext(where() + ": token service " + c.params.at("realm"));
        throw;
    }
    if (t.status == 401 || t.status == 403)
        throw Error(ErrorCode::PermissionDenied,
                    where() + ": " + what + ": unauthorized: " +
                        (basic.empty() ? "authentication required" : "incorrect username or password") + " (token service answered HTTP " +
                        std::to_string(t.status) + ")");
    if (t.status != 200)
        throw Error(ErrorCode::Io, where() + ": token service " + c.params.at("realm") + " answered HTTP " +
                                       std::to_string(t.status) + ": " + describe(t));
    std::string value;
    try {
        const auto j = util::parseJsonOrDiscarded(t.body);
        value = j.value("token", "");
        if (value.empty())
            value = j.value("access_token", "");
    } catch (const nlohmann::json::exception &) {
    }
    if (value.empty())
        throw Error(ErrorCode::Io, where() + ": token service " + c.params.at("realm") + " sent no token");
    if (m_authorization == "Authorization: Bearer " + value)
        fail(response, what); // the fresh token is refused too
    m_authorization = "Authorization: Bearer " + value;
}

void RegistryClient::fail(const HttpResponse &r, const std::string &what) const
{
    ErrorCode code = ErrorCode::Io;
    if (r.status == 401 || r.status == 403)
        code = ErrorCode::PermissionDenied;
    else if (r.status == 404)
        code = ErrorCode::NotFound;
    throw Error(code, where() + ": " + what + ": " + describe(r) + " (HTTP " + std::to_string(r.status) + ")");
}

void RegistryClient::checkLogin(const Credentials &credentials)
{
    {
        std::lock_guard lock(m_mutex);
        m_credentials = credentials;
        m_credentialsLoaded = true;
        m_authorization.clear();
    }
    HttpRequest r;
    r.url = "/v2/";
    const HttpResponse answer = send(r, "login");
    if (answer.status == 401 && !credentials.empty()) {
        // Basic auth (or a token) was refused.
        throw Error(ErrorCode::PermissionDenied, where() + ": login: unauthorized: incorrect username or password");
    }
    if (answer.status != 200)
        fail(answer, "login");
}

HttpResponse RegistryClient::sendRetrying(const HttpRequest &request, const std::string &what)
{
    for (int attempt = 0;; ++attempt) {
        try {
            HttpResponse answer = send(request, what);
            if (!retryable(answer.status) || attempt + 1 >= kAttempts)
                return answer;
        } catch (const TransportError &e) {
            if (!e.transient() || attempt + 1 >= kAttempts)
                throw;
        }
        backoff(attempt);
    }
}

FetchedManifest RegistryClient::getManifest(const std::string &tagOrDigest)
{
    const std::string what = "manifest " + tagOrDigest;
    HttpRequest r;
    r.url = "/v2/" + m_repository + "/manifests/" + tagOrDigest;
    r.headers = {"Accept: " + std::string(image::media::kOciIndex) + ", " + std::string(image::media::kDockerManifestList) +
                 ", " + std::string(image::media::kOciManifest) + ", " + std::string(image::media::kDockerManifest)};
    const HttpResponse answer = sendRetrying(r, what);
    if (answer.status != 200)
        fail(answer, what);
    FetchedManifest m;
    m.bytes = answer.body;
    m.digest = Digest::ofBytes(m.bytes);
    m.mediaType = mediaTypeOf(answer, m.bytes);
    std::string expected;
    if (Digest::isValid(tagOrDigest))
        expected = tagOrDigest;
    else if (const std::string announced = answer.header("docker-content-digest"); Digest::isValid(announced))
        expected = announced;
    if (!expected.empty() && expected != m.digest.str())
        throw Error(ErrorCode::DigestMismatch,
                    where() + ": " + what + ": content hashes to " + m.digest.str() + ", expected " + expected);
    return m;
}

std::string RegistryClient::getBlob(const Digest &digest)
{
    HttpRequest r;
    const std::string what = "blob " + digest.str();
    r.url = "/v2/" + m_repository + "/blobs/" + digest.str();
    const HttpResponse answer = sendRetrying(r, what);
    if (answer.status != 200)
        fail(answer, what);
    const std::string &out = answer.body;
    if (Digest::ofBytes(out) != digest)
        throw Error(ErrorCode::DigestMismatch,
                    where() + ": " + what + ": content hashes to " + Digest::ofBytes(out).str());
    return out;
}

void RegistryClient::downloadBlob(const Digest &digest, std::int64_t size, const std::filesystem::path &file,
                                  const std::function<void(std::uint64_t)> &progress, const std::atomic<bool> &cancel)
{
    const std::string what = "blob " + digest.str();
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        throwErrno("create " + file.string());
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    Sha256 hash;
    std::uint64_t have = 0;
    bool restart = false; // the server ignored our Range: start again from byte 0
    auto restartFromZero = [&] {
        if (::ftruncate(fd, 0) != 0 || ::lseek(fd, 0, SEEK_SET) != 0)
            throwErrno("truncate " + file.string());
        hash = Sha256();
        have = 0;
    };
    for (int attempt = 0;; ++attempt) {
        HttpRequest r;
        r.url = "/v2/" + m_repository + "/blobs/" + digest.str();
        if (have > 0)
            r.headers.push_back("Range: bytes=" + std::to_string(have) + "-");
        bool first = true;
        r.onData = [&](long status, const char *data, std::size_t n) {
            if (cancel.load())
                return false;
            if (first) {
                first = false;
                if (have > 0 && status == 200)
                    restartFromZero();
            }
            for (std::size_t off = 0; off < n;) {
                const ssize_t w = ::write(fd, data + off, n - off);
                if (w < 0) {
                    if (errno == EINTR)
                        continue;
                    return false;
                }
                off += static_cast<std::size_t>(w);
            }
            hash.update(data, n);
            have += n;
            if (progress)
                progress(have);
            return true;
        };
        HttpResponse answer;
        try {
            answer = send(r, what);
        } catch (const TransportError &e) {
            if (cancel.load() || !e.transient() || attempt + 1 >= kAttempts)
                throw;
            if (onRetry)
                onRetry(e.message());
            backoff(attempt);
            continue;
        }
        if (answer.status == 416) { // our Range is past the end: start over
            restartFromZero();
            restart = true;
        }
        if ((retryable(answer.status) || restart) && attempt + 1 < kAttempts) {
            restart = false;
            if (onRetry)
                onRetry("HTTP " + std::to_string(answer.status));
            backoff(attempt);
            continue;
        }
        if (answer.status != 200 && answer.status != 206)
            fail(answer, what);
        break;
    }
    if (size > 0 && have != static_cast<std::uint64_t>(size))
        throw Error(ErrorCode::DigestMismatch, where() + ": " + what + ": got " + std::to_string(have) +
                                                   " bytes, the manifest says " + std::to_string(size));
    const Digest got = hash.finish();
    if (got != digest)
        throw Error(ErrorCode::DigestMismatch, where() + ": " + what + ": content hashes to " + got.str());
    if (::fsync(fd) != 0)
        throwErrno("fsync " + file.string());
}

bool RegistryClient::hasBlob(const Digest &digest)
{
    HttpRequest r;
    r.method = "HEAD";
    r.url = "/v2/" + m_repository + "/blobs/" + digest.str();
    const HttpResponse answer = send(r, "blob " + digest.str());
    if (answer.status == 200)
        return true;
    if (answer.status == 404)
        return false;
    fail(answer, "blob " + digest.str());
}

bool RegistryClient::mountBlob(const Digest &digest, const std::string &fromRepository)
{
    HttpRequest r;
    r.method = "POST";
    r.url = "/v2/" + m_repository + "/blobs/uploads/?mount=" + urlEncode(digest.str()) + "&from=" +
            urlEncode(fromRepository);
    const HttpResponse answer = send(r, "mount " + digest.str());
    return answer.status == 201;
}

void RegistryClient::uploadBlob(const Digest &digest, const std::filesystem::path &file,
                                const std::function<void(std::uint64_t)> &progress)
{
    const std::string what = "upload " + digest.str();
    HttpRequest start;
    start.method = "POST";
    start.url = "/v2/" + m_repository + "/blobs/uploads/";
    const HttpResponse started = send(start, what);
    if (started.status != 202)
        fail(started, what);
    std::string location = started.header("location");
    if (location.empty())
        throw Error(ErrorCode::Io, where() + ": " + what + ": no Location for the upload");
    if (location.rfind("http", 0) != 0 && location.front() != '/')
        location = "/" + location;
    HttpRequest put;
    put.method = "PUT";
    put.url = location + (location.find('?') == std::string::npos ? "?" : "&") + "digest=" + urlEncode(digest.str());
    put.headers = {"Content-Type: application/octet-stream"};
    put.bodyFile = file;
    if (progress)
        put.onSent = [&](std::uint64_t n) {
            progress(n);
            return true;
        };
    const HttpResponse done = send(put, what);
    if (done.status != 201)
        fail(done, what);
}

void RegistryClient::putManifest(const std::string &reference, const std::string &bytes, const std::string &mediaType)
{
    HttpRequest r;
    r.method = "PUT";
    r.url = "/v2/" + m_repository + "/manifests/" + reference;
    r.headers = {"Content-Type: " + mediaType};
    r.body = bytes;
    const HttpResponse answer = send(r, "manifest " + reference);
    if (answer.status != 201 && answer.status != 200)
        fail(answer, "manifest " + reference);
}

std::vector<std::string> RegistryClient::listTags()
{
    HttpRequest r;
    r.url = "/v2/" + m_repository + "/tags/list";
    const HttpResponse answer = send(r, "tags");
    if (answer.status != 200)
        fail(answer, "tags");
    try {
        util::requireJsonDepth(answer.body, where() + ": tags", ErrorCode::Io);
        const auto j = nlohmann::json::parse(answer.body);
        if (j.contains("tags") && j["tags"].is_array())
            return j["tags"].get<std::vector<std::string>>();
        return {};
    } catch (const nlohmann::json::exception &e) {
        throw Error(ErrorCode::Io, where() + ": tags: " + e.what());
    }
}

} // namespace strata::engine::registry
