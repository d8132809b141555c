// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/engine/registry/TokenService.h"

#include "engine/registry/HttpClient.h"
#include "tests/support/TestSupport.h"

#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <chrono>
#include <cstdio>

namespace strata::test {
namespace {

using engine::registry::base64Encode;

std::string base64Url(const std::string &bytes)
{
    std::string s = base64Encode(bytes);
    for (auto &c : s)
        c = c == '+' ? '-' : c == '/' ? '_' : c;
    while (!s.empty() && s.back() == '=')
        s.pop_back();
    return s;
}

std::string percentDecode(const std::string &s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += s[i] == '+' ? ' ' : s[i];
        }
    }
    return out;
}

std::string rs256(const std::filesystem::path &keyFile, const std::string &data)
{
    FILE *f = std::fopen(keyFile.c_str(), "r");
    if (!f)
        return {};
    EVP_PKEY *key = PEM_read_PrivateKey(f, nullptr, nullptr, nullptr);
    std::fclose(f);
    if (!key)
        return {};
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    std::size_t len = 0;
    std::string sig;
    if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
        EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char *>(data.data()), data.size()) == 1) {
        sig.resize(len);
        if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(sig.data()), &len,
                           reinterpret_cast<const unsigned char *>(data.data()), data.size()) == 1)
            sig.resize(len);
        else
            sig.clear();
    }
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(key);
    return sig;
}

} // namespace

TokenService::TokenService(const std::filesystem::path &dir, std::string user, std::string password)
    : m_dir(dir), m_user(std::move(user)), m_password(std::move(password))
{
    std::filesystem::create_directories(dir);
    const QString key = QString::fromStdString((dir / "key.pem").string());
    const QString cert = QString::fromStdString((dir / "cert.pem").string());
    RunResult r = runProgram("openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                                         "-days", "2", "-subj", "/CN=strata-test-token"});
    if (r.exitCode != 0)
        return;
    r = runProgram("openssl", {"x509", "-in", cert, "-outform", "DER", "-out", cert + ".der"});
    if (r.exitCode != 0)
        return;
    m_certDerBase64 = base64Encode(readFile(dir / "cert.pem.der"));
    m_http = std::make_unique<HttpFixture>([this](const HttpRequestSeen &req) {
        ++m_requests;
        HttpAnswer a;
        std::string scope;
        const auto qm = req.target.find('?');
        const std::string query = qm == std::string::npos ? std::string() : req.target.substr(qm + 1);
        for (std::size_t start = 0; start < query.size();) {
            const auto amp = query.find('&', start);
            const std::string kv = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
            if (kv.rfind("scope=", 0) == 0)
                scope = percentDecode(kv.substr(6));
            start = amp == std::string::npos ? query.size() : amp + 1;
        }
        bool authenticated = false;
        if (auto it = req.headers.find("authorization"); it != req.headers.end()) {
            if (it->second != "Basic " + base64Encode(m_user + ":" + m_password)) {
                a.status = 401;
                a.body = R"({"details":"incorrect username or password"})";
                return a;
            }
            authenticated = true;
        }
        const std::string t = token(scope, authenticated);
        a.headers["Content-Type"] = "application/json";
        a.body = nlohmann::json({{"token", t}, {"access_token", t}}).dump();
        return a;
    });
    m_ready = true;
}

TokenService::~TokenService() = default;

std::string TokenService::registryConfig() const
{
    return "auth:\n  token:\n    realm: http://127.0.0.1:" + std::to_string(m_http ? m_http->port() : 0) +
           "/token\n    service: strata-test\n    issuer: strata-test-issuer\n    rootcertbundle: " +
           (m_dir / "cert.pem").string() + "\n";
}

std::string TokenService::token(const std::string &scope, bool authenticated) const
{
    nlohmann::json access = nlohmann::json::array();
    // scope = repository:NAME:pull,push
    const auto first = scope.find(':');
    const auto last = scope.rfind(':');
    if (first != std::string::npos && last > first) {
        const std::string name = scope.substr(first + 1, last - first - 1);
        nlohmann::json actions = nlohmann::json::array();
        const std::string wanted = scope.substr(last + 1);
        for (std::size_t start = 0; start < wanted.size();) {
            const auto comma = wanted.find(',', start);
            const std::string action = wanted.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (authenticated || (action == "pull" && name.rfind("private/", 0) != 0))
                actions.push_back(action);
            start = comma == std::string::npos ? wanted.size() : comma + 1;
        }
        access.push_back({{"type", "repository"}, {"name", name}, {"actions", actions}});
    }
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    const nlohmann::json header = {{"typ", "JWT"}, {"alg", "RS256"}, {"x5c", {m_certDerBase64}}};
    static std::atomic<int> serial{0};
    const nlohmann::json claims = {{"iss", "strata-test-issuer"},
                                   {"sub", authenticated ? m_user : ""},
                                   {"aud", "strata-test"},
                                   {"exp", now + 600},
                                   {"nbf", now - 10},
                                   {"iat", now},
                                   {"jti", std::to_string(++serial)},
                                   {"access", access}};
    const std::string signingInput = base64Url(header.dump()) + "." + base64Url(claims.dump());
    return signingInput + "." + base64Url(rs256(m_dir / "key.pem", signingInput));
}

} // namespace strata::test
