// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/remote/HostUrl.h"

#include "engine/Error.h"
#include "engine/util/Digest.h"
#include "engine/util/JsonDepth.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace strata::engine::remote {
namespace {

namespace fs = std::filesystem;

std::string env(const char *name)
{
    const char *v = std::getenv(name);
    return v ? v : "";
}

fs::path dockerConfigDir()
{
    if (auto d = env("DOCKER_CONFIG"); !d.empty())
        return d;
    return fs::path(env("HOME")) / ".docker";
}

std::string sha256Hex(const std::string &text)
{
    Sha256 h;
    h.update(text);
    return h.finish().hex();
}

bool startsWith(const std::string &s, const char *prefix)
{
    return s.rfind(prefix, 0) == 0;
}

} // namespace

std::string detectDefaultSocket(const std::string &engine)
{
    std::vector<std::string> candidates;
    if (engine != "podman")
        candidates.push_back("/var/run/docker.sock");
    if (engine != "docker") {
        candidates.push_back("/run/podman/podman.sock");
        if (auto xdg = env("XDG_RUNTIME_DIR"); !xdg.empty())
            candidates.push_back(xdg + "/podman/podman.sock");
    }
    for (const auto &c : candidates) {
        std::error_code ec;
        if (fs::is_socket(c, ec))
            return c;
    }
    return {};
}

HostUrl parseHostUrl(const std::string &text)
{
    HostUrl h;
    h.text = text;
    if (text == "docker" || text == "podman") {
        const std::string sock = detectDefaultSocket(text);
        if (sock.empty())
            throw Error(ErrorCode::NotFound, "host \"" + text + "\": no " + text +
                                                 " socket found (looked in /var/run/docker.sock, /run/podman/podman.sock, "
                                                 "$XDG_RUNTIME_DIR/podman/podman.sock)");
        h.text = "unix://" + sock;
        h.path = sock;
        return h;
    }
    if (startsWith(text, "unix://")) {
        h.path = text.substr(7);
        if (h.path.empty() || h.path.front() != '/')
            throw Error(ErrorCode::InvalidArgument, "host \"" + text + "\": a unix socket needs an absolute path");
        return h;
    }
    if (startsWith(text, "tcp://") || startsWith(text, "http://") || startsWith(text, "https://")) {
        h.scheme = HostUrl::Scheme::Tcp;
        h.hostPort = text.substr(text.find("://") + 3);
        if (auto slash = h.hostPort.find('/'); slash != std::string::npos)
            h.hostPort.resize(slash);
        if (h.hostPort.empty())
            throw Error(ErrorCode::InvalidArgument, "host \"" + text + "\": no address");
        if (h.hostPort.find(':') == std::string::npos)
            h.hostPort += ":2375";
        // Docker's rule: DOCKER_TLS_VERIFY (any value) turns on TLS with
        // verification; DOCKER_TLS alone, TLS without it.
        const bool verify = !env("DOCKER_TLS_VERIFY").empty();
        h.tls = startsWith(text, "https://") || verify || !env("DOCKER_TLS").empty();
        h.verify = verify || startsWith(text, "https://");
        h.certPath = env("DOCKER_CERT_PATH");
        if (h.tls && h.certPath.empty())
            h.certPath = dockerConfigDir().string();
        return h;
    }
    if (startsWith(text, "ssh://")) {
        h.scheme = HostUrl::Scheme::Ssh;
        h.hostPort = text.substr(6);
        if (auto slash = h.hostPort.find('/'); slash != std::string::npos)
            h.hostPort.resize(slash);
        if (auto colon = h.hostPort.rfind(':'); colon != std::string::npos) {
            h.sshPort = h.hostPort.substr(colon + 1);
            h.hostPort.resize(colon);
        }
        if (h.hostPort.empty() || h.hostPort.front() == '-')
            throw Error(ErrorCode::InvalidArgument, "host \"" + text + "\": no user@host");
        return h;
    }
    throw Error(ErrorCode::InvalidArgument,
                "host \"" + text + "\": not unix://PATH, tcp://HOST:PORT, ssh://USER@HOST, docker or podman");
}

std::string contextEndpoint(const std::string &name)
{
    // The Docker CLI stores a context under meta/<sha256 of its name>/meta.json.
    const fs::path meta = dockerConfigDir() / "contexts/meta" / sha256Hex(name) / "meta.json";
    std::ifstream in(meta);
    if (!in)
        throw Error(ErrorCode::NotFound, "context \"" + name + "\": not found in " + (dockerConfigDir() / "contexts").string());
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const auto j = util::parseJsonOrDiscarded(text);
    const auto *host = j.is_object() && j.contains("Endpoints") && j["Endpoints"].contains("docker")
                               ? &j["Endpoints"]["docker"]
                               : nullptr;
    if (!host || !host->contains("Host") || !(*host)["Host"].is_string())
        throw Error(ErrorCode::InvalidArgument, "context \"" + name + "\": " + meta.string() + " has no docker endpoint");
    return (*host)["Host"].get<std::string>();
}

std::optional<HostUrl> chooseHost(const std::string &flag, const std::string &context)
{
    if (!flag.empty())
        return parseHostUrl(flag);
    if (auto h = env("DOCKER_HOST"); !h.empty())
        return parseHostUrl(h);
    std::string name = context.empty() ? env("DOCKER_CONTEXT") : context;
    if (name.empty() || name == "default")
        return std::nullopt;
    return parseHostUrl(contextEndpoint(name));
}

} // namespace strata::engine::remote
