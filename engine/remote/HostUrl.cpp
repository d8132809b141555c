// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/remote/HostUrl.h"

#include "engine/Error.h"
#include "engine/util/Digest.h"

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

// One TLS file: the flag's, else `name` in the cert path when it exists.
std::string tlsFile(const std::string &flagValue, const char *flag, const HostUrl &h, const char *name)
{
    std::error_code ec;
    if (!flagValue.empty()) {
        if (!fs::exists(flagValue, ec))
            throw Error(ErrorCode::NotFound, std::string(flag) + " " + flagValue + ": no such file"); // exit 1, as Docker
        return flagValue;
    }
    const fs::path dflt = fs::path(h.certPath) / name;
    return fs::exists(dflt, ec) ? dflt.string() : std::string();
}

void applyTlsOptions(HostUrl &h, const TlsOptions &o)
{
    if (h.scheme != HostUrl::Scheme::Tcp)
        return;
    h.tls = h.tls || o.tls || o.verify;
    h.verify = h.verify || o.verify;
    h.caFile = tlsFile(o.caFile, "--tlscacert", h, "ca.pem");
    h.certFile = tlsFile(o.certFile, "--tlscert", h, "cert.pem");
    h.keyFile = tlsFile(o.keyFile, "--tlskey", h, "key.pem");
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
        // Docker's rule: DOCKER_TLS_VERIFY (any value) turns on TLS with
        // verification; DOCKER_TLS alone, TLS without it.
        const bool verify = !env("DOCKER_TLS_VERIFY").empty();
        h.tls = startsWith(text, "https://") || verify || !env("DOCKER_TLS").empty();
        h.verify = verify || startsWith(text, "https://");
        if (h.hostPort.find(':') == std::string::npos)
            h.hostPort += h.tls ? ":2376" : ":2375";
        h.certPath = env("DOCKER_CERT_PATH");
        if (h.certPath.empty())
            h.certPath = dockerConfigDir().string();
        applyTlsOptions(h, {});
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
    const auto j = nlohmann::json::parse(in, nullptr, false);
    const auto *host = j.is_object() && j.contains("Endpoints") && j["Endpoints"].contains("docker")
                               ? &j["Endpoints"]["docker"]
                               : nullptr;
    if (!host || !host->contains("Host") || !(*host)["Host"].is_string())
        throw Error(ErrorCode::InvalidArgument, "context \"" + name + "\": " + meta.string() + " has no docker endpoint");
    return (*host)["Host"].get<std::string>();
}

std::optional<HostUrl> chooseHost(const std::string &flag, const std::string &context, const TlsOptions &tls)
{
    std::optional<HostUrl> h;
    if (!flag.empty()) {
        h = parseHostUrl(flag);
    } else if (auto e = env("DOCKER_HOST"); !e.empty()) {
        h = parseHostUrl(e);
    } else {
        const std::string name = context.empty() ? env("DOCKER_CONTEXT") : context;
        if (name.empty() || name == "default")
            return std::nullopt;
        h = parseHostUrl(contextEndpoint(name));
    }
    applyTlsOptions(*h, tls);
    return h;
}

} // namespace strata::engine::remote
