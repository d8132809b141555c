// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/registry/RegistryHost.h"

#include "engine/Error.h"
#include "engine/util/Fs.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>

namespace strata::engine::registry {
namespace {

// "host:5000" -> "host"; "[::1]:5000" -> "::1".
std::string hostPart(const std::string &domain)
{
    if (!domain.empty() && domain.front() == '[') {
        const auto close = domain.find(']');
        return domain.substr(1, close == std::string::npos ? std::string::npos : close - 1);
    }
    return domain.substr(0, domain.find(':'));
}

} // namespace

std::string apiHost(const std::string &domain)
{
    return domain == "docker.io" || domain == "index.docker.io" ? std::string("registry-1.docker.io") : domain;
}

bool isLoopbackDomain(const std::string &domain)
{
    const std::string host = hostPart(domain);
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

std::filesystem::path strataConfigFile()
{
    if (const char *f = std::getenv("STRATA_CONFIG"); f && *f)
        return f;
    if (const char *x = std::getenv("XDG_CONFIG_HOME"); x && *x)
        return std::filesystem::path(x) / "strata" / "config.json";
    const char *home = std::getenv("HOME");
    return std::filesystem::path(home && *home ? home : "/root") / ".config" / "strata" / "config.json";
}

std::vector<std::string> insecureRegistries()
{
    const auto file = strataConfigFile();
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return {};
    try {
        const auto j = nlohmann::json::parse(fsutil::readFile(file));
        return j.value("insecure-registries", std::vector<std::string>{});
    } catch (const nlohmann::json::exception &e) {
        throw Error(ErrorCode::InvalidArgument, file.string() + ": " + e.what());
    }
}

bool allowsPlainHttp(const std::string &domain)
{
    if (isLoopbackDomain(domain))
        return true;
    const auto list = insecureRegistries();
    return std::find(list.begin(), list.end(), domain) != list.end();
}

} // namespace strata::engine::registry
