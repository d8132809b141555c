// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/registry/DockerCredentials.h"

#include "engine/Error.h"
#include "engine/registry/HttpClient.h"
#include "engine/util/Fs.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::engine::registry {
namespace {

constexpr const char *kDockerHubKey = "https://index.docker.io/v1/";

std::filesystem::path configFile() { return dockerConfigDir() / "config.json"; }

nlohmann::json readConfig()
{
    const auto file = configFile();
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return nlohmann::json::object();
    try {
        auto j = nlohmann::json::parse(fsutil::readFile(file));
        return j.is_object() ? j : nlohmann::json::object();
    } catch (const nlohmann::json::exception &e) {
        throw Error(ErrorCode::InvalidArgument, file.string() + " is not valid JSON: " + e.what());
    }
}

void writeConfig(const nlohmann::json &j)
{
    const auto dir = dockerConfigDir();
    fsutil::makeDirs(dir, 0700);
    const auto file = configFile();
    fsutil::writeFileAtomic(file, j.dump(1, '\t') + "\n", dir);
    ::chmod(file.c_str(), 0600);
}

// "https://host:5000/v2/" -> "host:5000", as the Docker CLI matches keys.
std::string hostOfKey(std::string key)
{
    for (const char *scheme : {"https://", "http://"})
        if (key.rfind(scheme, 0) == 0)
            key = key.substr(std::string(scheme).size());
    return key.substr(0, key.find('/'));
}

// The helper configured for this key, or "".
std::string helperFor(const nlohmann::json &config, const std::string &key)
{
    if (auto it = config.find("credHelpers"); it != config.end() && it->is_object())
        for (const auto &[k, v] : it->items())
            if (v.is_string() && (k == key || hostOfKey(k) == hostOfKey(key)))
                return v.get<std::string>();
    if (auto it = config.find("credsStore"); it != config.end() && it->is_string())
        return it->get<std::string>();
    return {};
}

bool onPath(const std::string &program)
{
    const char *path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    for (std::size_t start = 0;;) {
        const auto end = dirs.find(':', start);
        const std::string dir = dirs.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!dir.empty() && ::access((std::filesystem::path(dir) / program).c_str(), X_OK) == 0)
            return true;
        if (end == std::string::npos)
            return false;
        start = end + 1;
    }
}

std::string requireHelper(const std::string &helper)
{
    const std::string program = "docker-credential-" + helper;
    if (!onPath(program))
        throw Error(ErrorCode::NotFound, dockerConfigDir().string() + "/config.json names the credential helper \"" +
                                             helper + "\" but " + program +
                                             " is not on PATH: install it or remove \"credsStore\"/\"credHelpers\" "
                                             "from that file");
    return program;
}

// Runs `program verb` with `input` on stdin; returns its stdout.
std::string runHelper(const std::string &program, const std::string &verb, const std::string &input)
{
    const auto inputFile = fsutil::TempDir(std::filesystem::temp_directory_path(), "strata-cred-");
    const auto in = inputFile.path() / "in";
    fsutil::writeFileAtomic(in, input);
    const std::string cmd = program + " " + verb + " < '" + in.string() + "' 2>/dev/null";
    FILE *p = ::popen(cmd.c_str(), "r");
    if (!p)
        throwErrno("run " + program);
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;)
        out.append(buf, n);
    const int status = ::pclose(p);
    if (status != 0 && verb != "get")
        throw Error(ErrorCode::Io, program + " " + verb + " failed: " + out);
    return status == 0 ? out : std::string();
}

} // namespace

std::filesystem::path dockerConfigDir()
{
    if (const char *d = std::getenv("DOCKER_CONFIG"); d && *d)
        return d;
    const char *home = std::getenv("HOME");
    return std::filesystem::path(home && *home ? home : "/root") / ".docker";
}

std::string credentialKey(const std::string &domain)
{
    return domain == "docker.io" || domain.empty() ? kDockerHubKey : domain;
}

Credentials loadCredentials(const std::string &domain)
{
    const std::string key = credentialKey(domain);
    const nlohmann::json config = readConfig();
    if (const std::string helper = helperFor(config, key); !helper.empty()) {
        const std::string out = runHelper(requireHelper(helper), "get", key);
        if (out.empty())
            return {};
        try {
            const auto j = nlohmann::json::parse(out);
            return {j.value("Username", ""), j.value("Secret", "")};
        } catch (const nlohmann::json::exception &) {
            return {};
        }
    }
    const auto auths = config.find("auths");
    if (auths == config.end() || !auths->is_object())
        return {};
    for (const auto &[k, v] : auths->items()) {
        if (k != key && hostOfKey(k) != hostOfKey(key))
            continue;
        if (!v.is_object())
            continue;
        if (auto token = v.find("identitytoken"); token != v.end() && token->is_string() && !token->get<std::string>().empty())
            return {"<token>", token->get<std::string>()};
        const std::string auth = base64Decode(v.value("auth", ""));
        const auto colon = auth.find(':');
        if (colon == std::string::npos)
            continue;
        return {auth.substr(0, colon), auth.substr(colon + 1)};
    }
    return {};
}

bool storeCredentials(const std::string &domain, const Credentials &credentials)
{
    const std::string key = credentialKey(domain);
    nlohmann::json config = readConfig();
    if (const std::string helper = helperFor(config, key); !helper.empty()) {
        const nlohmann::json payload = {
            {"ServerURL", key}, {"Username", credentials.username}, {"Secret", credentials.password}};
        runHelper(requireHelper(helper), "store", payload.dump());
        if (!config.contains("auths") || !config["auths"].is_object())
            config["auths"] = nlohmann::json::object();
        config["auths"][key] = nlohmann::json::object(); // the CLI leaves an empty entry behind too
        writeConfig(config);
        return false;
    }
    if (!config.contains("auths") || !config["auths"].is_object())
        config["auths"] = nlohmann::json::object();
    config["auths"][key] = {{"auth", base64Encode(credentials.username + ":" + credentials.password)}};
    writeConfig(config);
    return true;
}

bool eraseCredentials(const std::string &domain)
{
    const std::string key = credentialKey(domain);
    nlohmann::json config = readConfig();
    bool found = false;
    if (const std::string helper = helperFor(config, key); !helper.empty()) {
        runHelper(requireHelper(helper), "erase", key);
        found = true;
    }
    if (auto it = config.find("auths"); it != config.end() && it->is_object()) {
        for (auto e = it->begin(); e != it->end();) {
            if (e.key() == key || hostOfKey(e.key()) == hostOfKey(key)) {
                e = it->erase(e);
                found = true;
            } else {
                ++e;
            }
        }
    }
    if (found)
        writeConfig(config);
    return found;
}

} // namespace strata::engine::registry
