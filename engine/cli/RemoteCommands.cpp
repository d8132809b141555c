// SPDX-License-Identifier: GPL-3.0-or-later
// The host side of verbs whose output has no engine summary to share:
// `info` and `events` against a real Docker or Podman engine (`network ls`
// and `inspect` ask a host in NetworkCommands.cpp).
#include "engine/Error.h"
#include "engine/cli/CliContext.h"
#include "engine/cli/Output.h"

#include <memory>

namespace strata::engine::cli {
namespace {

std::string text(const nlohmann::json &j, const char *key)
{
    if (!j.contains(key))
        return "";
    return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
}

} // namespace

void printRemoteInfo(CliContext &ctx)
{
    remote::RemoteHost &host = *ctx.remoteHost();
    remote::ApiClient &api = host.api();
    const auto i = api.getJson("/info");
    ctx.out << "Client:\n Context:    " << (ctx.context.empty() ? "default" : ctx.context)
            << "\n Debug Mode: " << (ctx.debug ? "true" : "false") << "\n\n"
            << "Server:\n"
            << " Host: " << api.host().text << "\n"
            << " Engine: " << api.engineName() << " (Engine API " << api.apiVersion() << ")\n"
            << " Containers: " << text(i, "Containers") << "\n"
            << "  Running: " << text(i, "ContainersRunning") << "\n"
            << "  Paused: " << text(i, "ContainersPaused") << "\n"
            << "  Stopped: " << text(i, "ContainersStopped") << "\n"
            << " Images: " << text(i, "Images") << "\n"
            << " Server Version: " << text(i, "ServerVersion") << "\n"
            << " Storage Driver: " << text(i, "Driver") << "\n"
            << " Kernel Version: " << text(i, "KernelVersion") << "\n"
            << " Operating System: " << text(i, "OperatingSystem") << "\n"
            << " Architecture: " << text(i, "Architecture") << "\n"
            << " Docker Root Dir: " << text(i, "DockerRootDir") << "\n";
}

void runRemoteEvents(CliContext &ctx, const std::string &since, const std::string &until, const std::string &format)
{
    ctx.remoteHost()->events(since, until, [&](const nlohmann::json &e) {
        if (format.empty()) {
            ctx.out << e.dump() << "\n";
        } else {
            InspectFormatter formatter(format);
            formatter.add(nlohmann::ordered_json::parse(e.dump()));
            ctx.out << formatter.finish();
        }
        ctx.out.flush();
        return true;
    });
}

} // namespace strata::engine::cli
