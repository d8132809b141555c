// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where a registry domain is reached and how. Docker Hub ("docker.io") is
// served at registry-1.docker.io. HTTPS always; plain HTTP only for
// loopback registries (as Docker allows) and for hosts listed under
// "insecure-registries" in Strata's config ($XDG_CONFIG_HOME/strata/
// config.json, else ~/.config/strata/config.json; $STRATA_CONFIG names
// another file), e.g. {"insecure-registries": ["registry.lan:5000"]}.

#include <filesystem>
#include <string>
#include <vector>

namespace strata::engine::registry {

// "docker.io" -> "registry-1.docker.io"; others unchanged.
[[nodiscard]] std::string apiHost(const std::string &domain);
// Loopback names and addresses: localhost, 127.0.0.0/8, ::1.
[[nodiscard]] bool isLoopbackDomain(const std::string &domain);
// May this domain be spoken to over plain HTTP?
[[nodiscard]] bool allowsPlainHttp(const std::string &domain);
[[nodiscard]] std::filesystem::path strataConfigFile();
[[nodiscard]] std::vector<std::string> insecureRegistries();

} // namespace strata::engine::registry
