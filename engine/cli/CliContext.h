// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// State shared by every command of one `strata` invocation: the global
// options, the engine (opened on first use, so `--help` needs no store) and
// the output streams.

#include "engine/Engine.h"
#include "engine/remote/RemoteHost.h"

#include <CLI/CLI.hpp>

#include <functional>
#include <iostream>
#include <memory>
#include <string>

namespace strata::engine::cli {

class CliContext {
public:
    CliContext() = default;
    // Output captured in streams (the GUI console): never a terminal.
    CliContext(std::ostream &o, std::ostream &e) : out(o), err(e), m_captured(true) {}
    ~CliContext();
    CliContext(const CliContext &) = delete;
    CliContext &operator=(const CliContext &) = delete;

    // Set by main(): the process ends right after the command, so the parser
    // (runCli) and the engine are left to the exit instead of freed. Their
    // frees cost a run --rm about a millisecond, most of it copy-on-write
    // faults on heap pages a forked shim still shares; the engine holds
    // nothing the exit does not release (descriptors, flocks). A remote
    // host is still closed (its relay's processes are reaped).
    bool endsProcess = false;

    std::string root;
    std::string driver;
    bool debug = false;
    std::string host;    // -H/--host: a real Docker/Podman engine (RemoteCommands.cpp)
    std::string context; // --context: a Docker CLI context
    remote::TlsOptions tls; // --tls, --tlsverify, --tlscacert, --tlscert, --tlskey

    // The real host the verbs read, or null for Strata's own store: -H, then
    // $DOCKER_HOST / $DOCKER_CONTEXT (not for an engine someone else owns).
    remote::RemoteHost *remoteHost();

    // Opens the engine on first use; builtin images are made if missing.
    Engine &engine();
    // Runs commands on an engine someone else owns (the GUI's); not owned.
    void useEngine(Engine &engine) { m_external = &engine; }
    [[nodiscard]] bool stdoutIsTerminal() const;
    [[nodiscard]] bool stderrIsTerminal() const;

    std::ostream &out = std::cout;
    std::ostream &err = std::cerr;
    // Where attached containers read and write (the GUI console passes pipes).
    int inFd = 0, outFd = 1, errFd = 2;
    // Readable: end an attached stream on a host now (the app's Stop); -1 = none.
    int cancelFd = -1;

private:
    std::unique_ptr<Engine> m_engine;
    Engine *m_external = nullptr;
    std::unique_ptr<remote::RemoteHost> m_remote;
    bool m_remoteChosen = false;
    bool m_captured = false;
};

// Each command group registers its subcommands on the app. A command's
// callback runs the verb; errors propagate as strata::engine::Error.
void registerImageCommands(CLI::App &app, CliContext &ctx);
void registerImageViewCommands(CLI::App &app, CliContext &ctx);
void registerArchiveCommands(CLI::App &app, CliContext &ctx);
void registerSystemCommands(CLI::App &app, CliContext &ctx);
void registerSystemStoreCommands(CLI::App &app, CliContext &ctx); // system check|df|prune
// Prints `warning`, asks Docker's "Are you sure you want to continue? [y/N]"; true on y/yes.
bool confirmed(CliContext &ctx, const std::string &warning);
// ps' STATUS text ("Up 2 minutes", "Exited (0) 3 seconds ago", "Dead").
std::string statusText(const container::State &state, std::chrono::system_clock::time_point now);
void registerVolumeCommands(CLI::App &app, CliContext &ctx);
void registerContainerCommands(CLI::App &app, CliContext &ctx);
void registerContainerRunCommands(CLI::App &app, CliContext &ctx); // run, create, start
void registerContainerFsCommands(CLI::App &app, CliContext &ctx); // commit, diff, cp, export
void registerLessonCommands(CLI::App &app, CliContext &ctx);       // lesson list|run|check
void registerBuildCommands(CLI::App &app, CliContext &ctx);        // build
void registerRegistryCommands(CLI::App &app, CliContext &ctx);     // pull, push, login, logout, search

// The verbs' host side (RemoteCommands.cpp).
void printRemoteInfo(CliContext &ctx);
void registerNetworkCommands(CLI::App &app, CliContext &ctx); // network create|ls|inspect|rm|prune|connect|disconnect, port
void runRemoteEvents(CliContext &ctx, const std::string &since, const std::string &until, const std::string &format);

} // namespace strata::engine::cli
