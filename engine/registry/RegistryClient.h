// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One repository on one registry, spoken to as the OCI distribution spec
// says: /v2/ ping, manifests by tag or digest, blobs (verified by digest,
// resumed and retried on transient failures), blob uploads and cross-
// repository mounts, manifest PUT, tag lists. Authentication follows the
// registry's WWW-Authenticate challenge: Bearer (a token from the named
// realm, anonymous or with Basic credentials, Docker's token protocol) or
// Basic. Safe to use from several threads (the token is shared).
//
// Errors say which registry and what it answered: "registry 127.0.0.1:5000:
// manifest unknown (HTTP 404)".

#include "engine/registry/DockerCredentials.h"
#include "engine/registry/HttpClient.h"
#include "engine/util/Digest.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine::registry {

struct FetchedManifest {
    std::string bytes;
    std::string mediaType;
    Digest digest; // sha256 of bytes (checked against the digest asked for / announced)
};

class RegistryClient {
public:
    // `repository` is the path inside the registry ("library/busybox");
    // `push` asks for push rights as well as pull.
    RegistryClient(std::string domain, std::string repository, bool push = false);

    [[nodiscard]] const std::string &domain() const { return m_domain; }
    [[nodiscard]] const std::string &repository() const { return m_repository; }

    // GET /v2/ with credentials: throws when the registry refuses them.
    void checkLogin(const Credentials &credentials);

    [[nodiscard]] FetchedManifest getManifest(const std::string &tagOrDigest);
    // Small blobs (configs), verified.
    [[nodiscard]] std::string getBlob(const Digest &digest);
    // Streams a blob to `file` (created/truncated), resuming with Range and
    // retrying transient failures; verifies the digest. `progress` gets the
    // bytes so far; `cancel` stops it (TransportError "transfer cancelled").
    void downloadBlob(const Digest &digest, std::int64_t size, const std::filesystem::path &file,
                      const std::function<void(std::uint64_t)> &progress, const std::atomic<bool> &cancel);
    // Called before a retry with what failed (for the transcript).
    std::function<void(const std::string &)> onRetry;

    [[nodiscard]] bool hasBlob(const Digest &digest);
    // Cross-repository mount; true when the registry mounted it (201).
    bool mountBlob(const Digest &digest, const std::string &fromRepository);
    // POST + PUT (monolithic) of a local file.
    void uploadBlob(const Digest &digest, const std::filesystem::path &file,
                    const std::function<void(std::uint64_t)> &progress);
    // PUT the manifest under `reference` (a tag or its digest).
    void putManifest(const std::string &reference, const std::string &bytes, const std::string &mediaType);
    [[nodiscard]] std::vector<std::string> listTags();

    // "registry <domain>: <what>", for errors found by callers.
    [[nodiscard]] std::string where() const { return "registry " + m_domain; }

private:
    HttpResponse send(HttpRequest request, const std::string &what);
    // send(), again (up to five times) after a transient failure or a 5xx/429.
    HttpResponse sendRetrying(const HttpRequest &request, const std::string &what);
    HttpResponse sendOnce(HttpRequest &request);
    void authenticate(const HttpResponse &challenge, const std::string &what);
    std::string baseUrl();
    [[noreturn]] void fail(const HttpResponse &response, const std::string &what) const;

    std::string m_domain;
    std::string m_repository;
    bool m_push;
    Credentials m_credentials;
    bool m_credentialsLoaded = false;
    std::mutex m_mutex;
    std::string m_base;          // "https://host:port", chosen on first use
    std::string m_authorization; // "Authorization: ..." header, once known
};

} // namespace strata::engine::registry
