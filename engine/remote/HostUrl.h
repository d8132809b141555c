// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where a real Docker or Podman engine listens, and how Strata picks one:
// -H/--host, then $DOCKER_HOST, then a Docker CLI context. Without any of
// them Strata uses its own store (a host is opt-in).

#include <optional>
#include <string>

namespace strata::engine::remote {

struct HostUrl {
    enum class Scheme { Unix, Tcp, Ssh };
    Scheme scheme = Scheme::Unix;
    std::string text;     // as given: "unix:///run/podman/podman.sock"
    std::string path;     // Unix: the socket path
    std::string hostPort; // Tcp: "host:port"; Ssh: "user@host" (port separate)
    std::string sshPort;  // Ssh: "" = ssh's default
    bool tls = false;     // Tcp: https (DOCKER_TLS_VERIFY / DOCKER_TLS)
    std::string certPath; // Tcp+TLS: ca.pem, cert.pem, key.pem ($DOCKER_CERT_PATH)
    bool verify = true;   // Tcp+TLS: check the server's certificate
    // Tcp+TLS: the files used; "" = none (a default file that does not exist).
    std::string caFile, certFile, keyFile;
};

// Docker's --tls, --tlsverify, --tlscacert, --tlscert, --tlskey. Empty file
// names mean the defaults: ca.pem, cert.pem, key.pem in $DOCKER_CERT_PATH,
// else ~/.docker.
struct TlsOptions {
    bool tls = false;
    bool verify = false;
    std::string caFile, certFile, keyFile;
};

// Parses "unix:///path", "tcp://host:port", "ssh://user@host[:port]", or one
// of the names "docker" / "podman" (their default sockets, the first that
// exists). InvalidArgument naming the input otherwise.
[[nodiscard]] HostUrl parseHostUrl(const std::string &text);

// The host chosen by the flag (may be empty), $DOCKER_HOST, $DOCKER_CONTEXT
// or `context` (a Docker CLI context name; "default" = none). nullopt =
// Strata's own store.
// `tls` adds the TLS flags to a tcp:// host (--tlsverify turns TLS on, as
// in Docker); an explicitly named file that is missing is InvalidArgument.
[[nodiscard]] std::optional<HostUrl> chooseHost(const std::string &flag, const std::string &context = {},
                                                const TlsOptions &tls = {});

// The endpoint a Docker CLI context stores in ~/.docker/contexts/meta.
// NotFound when there is no such context.
[[nodiscard]] std::string contextEndpoint(const std::string &name);

// Docker's default socket, then Podman's (root, then rootless): the first
// that exists, "" when none does. `engine` is "docker", "podman" or "".
[[nodiscard]] std::string detectDefaultSocket(const std::string &engine = {});

} // namespace strata::engine::remote
