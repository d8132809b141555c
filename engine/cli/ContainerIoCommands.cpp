// SPDX-License-Identifier: GPL-3.0-or-later
// logs, exec, attach, top: talking to a container's processes.
#include "engine/Error.h"
#include "engine/cli/CliContext.h"
#include "engine/cli/ExitStatus.h"
#include "engine/cli/HostAttach.h"

#include <algorithm>
#include <csignal>
#include <memory>
#include <unistd.h>

namespace strata::engine::cli {
namespace {

volatile std::sig_atomic_t g_stop = 0;

struct LogsFlags {
    std::string ref, tail = "all";
    bool follow = false, timestamps = false;
};

void runLogs(CliContext &ctx, const LogsFlags &f)
{
    LogOptions o;
    o.follow = f.follow;
    if (f.tail != "all") {
        try {
            const long n = std::stol(f.tail);
            if (n >= 0)
                o.tail = static_cast<std::size_t>(n);
        } catch (const std::exception &) {
            throw Error(ErrorCode::InvalidArgument, "invalid value for \"tail\": \"" + f.tail + "\"");
        }
    }
    std::signal(SIGINT, [](int) { g_stop = 1; });
    if (auto *host = ctx.remoteHost()) {
        host->logs(f.ref, f.follow, f.tail, f.timestamps, [&](int stream, std::string_view bytes) {
            (stream == 2 ? ctx.err : ctx.out) << bytes << std::flush;
            return g_stop == 0;
        });
        return;
    }
    ctx.engine().containerLogs(f.ref, o, [&](const LogEntry &e) {
        std::ostream &os = e.stream == "stderr" ? ctx.err : ctx.out;
        if (f.timestamps)
            os << e.time << " ";
        os << e.log << std::flush;
        return g_stop == 0;
    });
}

struct ExecFlags {
    std::string ref, workdir, user, detachKeys = "ctrl-p,ctrl-q";
    std::vector<std::string> env;
    bool interactive = false, tty = false, detach = false;
};

void runExec(CliContext &ctx, const ExecFlags &f, std::vector<std::string> args)
{
    if (args.empty())
        throw Error(ErrorCode::InvalidArgument, "\"strata exec\" requires at least 2 arguments.");
    if (auto *host = ctx.remoteHost()) {
        if (f.detach) { // as Docker's: nothing printed, the command runs on
            host->lifecycle().execDetached(f.ref, {args, f.env, f.workdir, f.user, f.tty, f.interactive, true});
            return;
        }
        if (f.interactive || f.tty) {
            const int code = hostExecInteractive(ctx, *host, f.ref, {args, f.env, f.workdir, f.user, f.tty, f.interactive},
                                                 f.detachKeys);
            if (code != 0)
                throw ExitStatus{code};
            return;
        }
        const int code = host->lifecycle().exec(f.ref, {args, f.env, f.workdir, f.user},
                                                [&](int stream, std::string_view bytes) {
                                                    (stream == 2 ? ctx.err : ctx.out) << bytes << std::flush;
                                                    return true;
                                                });
        if (code != 0)
            throw ExitStatus{code};
        return;
    }
    runtime::ExecSpec spec;
    spec.args = std::move(args);
    spec.env = f.env;
    spec.cwd = f.workdir;
    spec.user = f.user;
    spec.tty = f.tty;
    spec.openStdin = f.interactive;
    spec.detach = f.detach;
    const auto res = ctx.engine().execInContainer(f.ref, spec, ctx.inFd, ctx.outFd, ctx.errFd);
    if (!res.error.empty())
        ctx.err << "Error: OCI runtime exec failed: " << res.error << "\n";
    if (f.detach && !res.error.empty())
        throw ExitStatus{1}; // Docker: a detached exec that did not start is the daemon's error, status 1
    if (res.exitCode != 0)
        throw ExitStatus{res.exitCode};
}

struct AttachFlags {
    std::string ref, detachKeys = "ctrl-p,ctrl-q";
    bool noStdin = false;
};

void runAttach(CliContext &ctx, const AttachFlags &f)
{
    if (auto *host = ctx.remoteHost()) {
        if (const int code = hostAttach(ctx, *host, f.ref, f.noStdin, f.detachKeys); code != 0)
            throw ExitStatus{code};
        return;
    }
    Engine &engine = ctx.engine();
    const container::Record r = engine.container(f.ref);
    runtime::AttachOptions o;
    o.forwardStdin = !f.noStdin && r.config.openStdin;
    o.tty = r.config.tty;
    o.detachKeys = f.detachKeys;
    const auto res = engine.attachContainer(f.ref, ctx.inFd, ctx.outFd, ctx.errFd, o);
    if (res.exitCode && *res.exitCode != 0)
        throw ExitStatus{*res.exitCode};
}

// docker top: tabwriter(minwidth 20, padding 3), ps -ef's columns.
void runTop(CliContext &ctx, const std::string &ref)
{
    auto *host = ctx.remoteHost();
    std::vector<std::vector<std::string>> rows;
    if (host)
        rows = host->top(ref);
    else
        rows = {{"UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"}};
    for (const auto &p : host ? std::vector<runtime::ProcessInfo>{} : ctx.engine().containerTop(ref))
        rows.push_back({p.user, std::to_string(p.pid), std::to_string(p.ppid), std::to_string(p.cpuPercent), p.stime,
                        p.tty, p.time, p.cmd});
    std::vector<std::size_t> width(rows.front().size(), 0);
    for (const auto &row : rows)
        for (std::size_t i = 0; i < row.size(); ++i)
            width[i] = std::max(width[i], row[i].size());
    for (const auto &row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size())
                line += std::string(std::max<std::size_t>(20, width[i] + 3) - row[i].size(), ' ');
        }
        ctx.out << line << "\n";
    }
}

void registerOn(CLI::App &app, CliContext &ctx)
{
    {
        auto f = std::make_shared<LogsFlags>();
        CLI::App *c = app.add_subcommand("logs", "Fetch the logs of a container");
        c->add_option("container", f->ref, "CONTAINER")->required();
        c->add_flag("-f,--follow", f->follow, "Follow log output");
        c->add_option("-n,--tail", f->tail, "Number of lines to show from the end of the logs (default \"all\")");
        c->add_flag("-t,--timestamps", f->timestamps, "Show timestamps");
        c->callback([&ctx, f] { runLogs(ctx, *f); });
    }
    {
        auto f = std::make_shared<ExecFlags>();
        CLI::App *c = app.add_subcommand("exec", "Run a command in a running container");
        c->add_option("container", f->ref, "CONTAINER, then the COMMAND and ARGs to run in it")->required();
        c->add_flag("-i,--interactive", f->interactive, "Keep STDIN open even if not attached");
        c->add_flag("-t,--tty", f->tty, "Allocate a pseudo-TTY");
        c->add_flag("-d,--detach", f->detach, "Detached mode: run command in the background");
        c->add_option("-e,--env", f->env, "Set environment variables")->allow_extra_args(false);
        c->add_option("-w,--workdir", f->workdir, "Working directory inside the container");
        c->add_option("-u,--user", f->user, "Username or UID (format: <name|uid>[:<group|gid>])");
        c->add_option("--detach-keys", f->detachKeys, "Override the key sequence for detaching a container");
        c->prefix_command(true);
        c->allow_extras();
        c->fallthrough(false); // the command words are ours, not the parent's
        c->callback([&ctx, f, c] { runExec(ctx, *f, c->remaining()); });
    }
    {
        auto f = std::make_shared<AttachFlags>();
        CLI::App *c = app.add_subcommand("attach", "Attach local standard input, output, and error streams to a running container");
        c->add_option("container", f->ref, "CONTAINER")->required();
        c->add_flag("--no-stdin", f->noStdin, "Do not attach STDIN");
        c->add_option("--detach-keys", f->detachKeys, "Override the key sequence for detaching a container");
        c->callback([&ctx, f] { runAttach(ctx, *f); });
    }
    {
        auto ref = std::make_shared<std::string>();
        CLI::App *c = app.add_subcommand("top", "Display the running processes of a container");
        c->add_option("container", *ref, "CONTAINER")->required();
        c->callback([&ctx, ref] { runTop(ctx, *ref); });
    }
}

} // namespace

void registerContainerIoCommands(CLI::App &app, CliContext &ctx)
{
    registerOn(app, ctx);
    registerOn(*app.get_subcommand("container"), ctx);
}

} // namespace strata::engine::cli
