// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Registry credentials where the Docker CLI keeps them, so `docker login`,
// `podman login` (with its Docker-compatible fallback) and `skopeo login`
// are shared: $DOCKER_CONFIG/config.json, else ~/.docker/config.json,
// "auths": {"<server>": {"auth": base64("user:password")}}. Docker Hub's
// key is "https://index.docker.io/v1/", any other registry's its host[:port].
// A configured credential helper ("credsStore" / "credHelpers") is used
// when its docker-credential-<name> program is on PATH; when it is not, the
// calls fail with a message saying which helper is missing instead of
// silently writing plain text.

#include <filesystem>
#include <optional>
#include <string>

namespace strata::engine::registry {

struct Credentials {
    std::string username;
    std::string password; // or an identity token
    [[nodiscard]] bool empty() const { return username.empty() && password.empty(); }
};

// $DOCKER_CONFIG, else $HOME/.docker.
[[nodiscard]] std::filesystem::path dockerConfigDir();
// The config.json key for a registry domain ("docker.io" -> Docker Hub's URL).
[[nodiscard]] std::string credentialKey(const std::string &domain);

// Credentials for `domain`, or empty ones when none are stored.
[[nodiscard]] Credentials loadCredentials(const std::string &domain);
// Adds or replaces the entry (atomic write, mode 0600, other keys kept).
// Returns true when the password went into config.json itself (no helper).
bool storeCredentials(const std::string &domain, const Credentials &credentials);
// Removes the entry; false when there was none.
bool eraseCredentials(const std::string &domain);

} // namespace strata::engine::registry
