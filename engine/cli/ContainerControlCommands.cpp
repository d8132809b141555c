// SPDX-License-Identifier: GPL-3.0-or-later
// stop, kill, restart, pause, unpause, rm, wait, rename: each takes several
// containers, prints each one it handled (as typed), reports each failure
// and ends with status 1 if any failed, as Docker's CLI does.
#include "engine/Error.h"
#include "engine/cli/CliContext.h"
#include "engine/cli/ExitStatus.h"
#include "engine/cli/StepPrompt.h"

#include <memory>

namespace strata::engine::cli {
namespace {

void forEach(CliContext &ctx, const std::vector<std::string> &refs,
             const std::function<void(const std::string &)> &verb)
{
    bool failed = false;
    for (const auto &ref : refs) {
        try {
            verb(ref);
        } catch (const Error &e) {
            ctx.err << "Error: " << e.what() << "\n";
            failed = true;
        }
    }
    if (failed)
        throw ExitStatus{1};
}

struct Flags {
    std::vector<std::string> refs;
    std::optional<int> time;
    std::string signal = "KILL";
    bool force = false, step = false, volumes = false;
};

CLI::App *addVerb(CLI::App &parent, const std::string &name, const std::string &help, std::shared_ptr<Flags> &f)
{
    f = std::make_shared<Flags>();
    CLI::App *c = parent.add_subcommand(name, help);
    c->add_option("container", f->refs, "CONTAINER [CONTAINER...]")->required();
    return c;
}

void registerOn(CLI::App &app, CliContext &ctx)
{
    std::shared_ptr<Flags> f;
    {
        CLI::App *c = addVerb(app, "stop", "Stop one or more running containers", f);
        c->add_option("-t,--time", f->time, "Seconds to wait for stop before killing it (default 10)");
        c->callback([&ctx, f] {
            forEach(ctx, f->refs, [&](const std::string &ref) {
                if (auto *host = ctx.remoteHost())
                    host->lifecycle().stop(ref, f->time);
                else
                    ctx.engine().stopContainer(ref, f->time);
                ctx.out << ref << "\n";
            });
        });
    }
    {
        CLI::App *c = addVerb(app, "kill", "Kill one or more running containers", f);
        c->add_option("-s,--signal", f->signal, "Signal to send to the container (default \"KILL\")");
        c->callback([&ctx, f] {
            forEach(ctx, f->refs, [&](const std::string &ref) {
                if (auto *host = ctx.remoteHost())
                    host->lifecycle().kill(ref, f->signal);
                else
                    ctx.engine().killContainer(ref, f->signal);
                ctx.out << ref << "\n";
            });
        });
    }
    {
        CLI::App *c = addVerb(app, "restart", "Restart one or more containers", f);
        c->add_option("-t,--time", f->time, "Seconds to wait for stop before killing the container (default 10)");
        c->callback([&ctx, f] {
            forEach(ctx, f->refs, [&](const std::string &ref) {
                if (auto *host = ctx.remoteHost())
                    host->lifecycle().restart(ref, f->time);
                else
                    ctx.engine().restartContainer(ref, f->time);
                ctx.out << ref << "\n";
            });
        });
    }
    for (const bool pause : {true, false}) {
        CLI::App *c = addVerb(app, pause ? "pause" : "unpause",
                              pause ? "Pause all processes within one or more containers"
                                    : "Unpause all processes within one or more containers",
                              f);
        c->callback([&ctx, f, pause] {
            forEach(ctx, f->refs, [&](const std::string &ref) {
                if (auto *host = ctx.remoteHost()) {
                    pause ? host->lifecycle().pause(ref) : host->lifecycle().unpause(ref);
                    ctx.out << ref << "\n";
                    return;
                }
                const auto res = pause ? ctx.engine().pauseContainer(ref) : ctx.engine().unpauseContainer(ref);
                if (res.fallback)
                    ctx.err << "note: no cgroup freezer usable here; " << res.method
                            << " sent to every process instead\n";
                ctx.out << ref << "\n";
            });
        });
    }
    {
        CLI::App *c = addVerb(app, "rm", "Remove one or more containers", f);
        c->add_flag("-f,--force", f->force, "Force the removal of a running container (uses SIGKILL)");
        c->add_flag("-v,--volumes", f->volumes, "Remove anonymous volumes associated with the container");
        c->add_flag("--step", f->step, "Stop at each phase until Enter");
        c->callback([&ctx, f] {
            if (auto *host = ctx.remoteHost()) {
                forEach(ctx, f->refs, [&](const std::string &ref) {
                    host->lifecycle().remove(ref, f->force, f->volumes);
                    ctx.out << ref << "\n";
                });
                return;
            }
            const ScopedStepPrompt prompt(ctx.engine(), ctx.err, f->step);
            forEach(ctx, f->refs, [&](const std::string &ref) {
                ctx.engine().removeContainer(ref, f->force, f->volumes);
                ctx.out << ref << "\n";
            });
        });
    }
    {
        CLI::App *c = addVerb(app, "wait", "Block until one or more containers stop, then print their exit codes", f);
        c->callback([&ctx, f] {
            forEach(ctx, f->refs, [&](const std::string &ref) {
                auto *host = ctx.remoteHost();
                ctx.out << (host ? host->lifecycle().wait(ref) : ctx.engine().waitContainer(ref)) << "\n" << std::flush;
            });
        });
    }
    {
        struct RenameFlags {
            std::string ref, name;
        };
        auto r = std::make_shared<RenameFlags>();
        CLI::App *c = app.add_subcommand("rename", "Rename a container");
        c->add_option("container", r->ref, "CONTAINER")->required();
        c->add_option("name", r->name, "NEW_NAME")->required();
        c->callback([&ctx, r] { ctx.engine().renameContainer(r->ref, r->name); });
    }
}

} // namespace

void registerContainerControlCommands(CLI::App &app, CliContext &ctx)
{
    registerOn(app, ctx);
    registerOn(*app.get_subcommand("container"), ctx);
}

} // namespace strata::engine::cli
