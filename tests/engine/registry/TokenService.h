// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A token service of the suite's own, for a registry configured with
// `auth: token:` (Docker's token authentication): it answers
// GET /token?service=…&scope=repository:NAME:ACTIONS with a JWT signed
// (RS256) by a key whose self-signed certificate the registry trusts
// (x5c header). Anonymous callers get pull rights on repositories outside
// "private/"; the one user (Basic auth) gets what it asks for.

#include "tests/engine/registry/LocalServers.h"

#include <filesystem>
#include <memory>
#include <string>

namespace strata::test {

class TokenService {
public:
    TokenService(const std::filesystem::path &dir, std::string user, std::string password);
    ~TokenService();
    [[nodiscard]] bool ready() const { return m_ready; }
    // The registry's auth section for this service.
    [[nodiscard]] std::string registryConfig() const;
    [[nodiscard]] int requests() const { return m_requests; }

private:
    std::string token(const std::string &scope, bool authenticated) const;

    std::filesystem::path m_dir;
    std::string m_user, m_password;
    std::string m_certDerBase64;
    bool m_ready = false;
    std::atomic<int> m_requests{0};
    std::unique_ptr<HttpFixture> m_http;
};

} // namespace strata::test
