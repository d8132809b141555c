// SPDX-License-Identifier: GPL-3.0-or-later
// create, run, start: making a container and running its command, attached
// (output to this terminal, exit status = the container's) or detached.
#include "engine/Error.h"
#include "engine/cli/CliContext.h"
#include "engine/cli/ExitStatus.h"
#include "engine/cli/HostAttach.h"
#include "engine/cli/StepPrompt.h"
#include "engine/cli/TransferPrinter.h"
#include "engine/image/Reference.h"
#include "engine/security/SecurityOpt.h"

#include <memory>
#include <sys/ioctl.h>
#include <unistd.h>

namespace strata::engine::cli {
namespace {

struct CreateFlags {
    std::string image;
    std::vector<std::string> cmd;
    std::string name, workdir, user, entrypoint, hostname, network = "default";
    bool entrypointSet = false;
    std::vector<std::string> env, capAdd, capDrop, labels;
    std::vector<std::string> devices, securityOpt;
    std::vector<std::string> publish, networkAliases;
    std::string ip;
    bool publishAll = false;
    std::string memory, cpus;
    std::int64_t pidsLimit = 0;
    volume::MountFlags mounts; // -v, --mount, --tmpfs, --volumes-from
    bool detach = false, interactive = false, tty = false, rm = false, step = false;
};

void addCreateFlags(CLI::App *c, CreateFlags &f, bool run)
{
    c->add_option("image", f.image, "IMAGE, then the COMMAND and ARGs to run in it (default: the image's)")->required();
    c->add_option("--name", f.name, "Assign a name to the container");
    c->add_option("-e,--env", f.env, "Set environment variables")->allow_extra_args(false);
    c->add_option("-w,--workdir", f.workdir, "Working directory inside the container");
    c->add_option("-u,--user", f.user, "Username or UID (format: <name|uid>[:<group|gid>])");
    c->add_option("--entrypoint", f.entrypoint, "Overwrite the default ENTRYPOINT of the image");
    c->set_help_flag("--help", "Print this help message and exit"); // -h is --hostname, as in Docker
    c->add_option("-h,--hostname", f.hostname, "Container host name");
    c->add_option("--network,--net", f.network, "Connect a container to a network (default: the bridge strata0; none, host, NAME)");
    c->add_option("--network-alias", f.networkAliases, "Add network-scoped alias for the container")->allow_extra_args(false);
    c->add_option("--ip", f.ip, "IPv4 address (e.g., 172.30.100.104)");
    c->add_option("-p,--publish", f.publish, "Publish a container's port(s) to the host ([IP:][HOST:]CTR[/proto])")
        ->allow_extra_args(false);
    c->add_flag("-P,--publish-all", f.publishAll, "Publish all exposed ports to random ports");
    c->add_option("--cap-add", f.capAdd, "Add Linux capabilities")->allow_extra_args(false);
    c->add_option("--cap-drop", f.capDrop, "Drop Linux capabilities")->allow_extra_args(false);
    c->add_option("--device", f.devices, "Add a host device to the container (HOST[:CONTAINER[:rwm]])")
        ->allow_extra_args(false);
    c->add_option("-m,--memory", f.memory, "Memory limit (e.g. 512m, 1g)");
    c->add_option("--cpus", f.cpus, "Number of CPUs (e.g. 1.5)");
    c->add_option("--pids-limit", f.pidsLimit, "Tune container pids limit (set -1 for unlimited)");
    c->add_option("--security-opt", f.securityOpt, "Security Options (seccomp=unconfined|PROFILE.json)")
        ->allow_extra_args(false);
    c->add_option("-l,--label", f.labels, "Set meta data on a container")->allow_extra_args(false);
    c->add_option("-v,--volume", f.mounts.volumes, "Bind mount a volume (SRC:DST[:ro], NAME:DST, or DST)")
        ->allow_extra_args(false);
    c->add_option("--mount", f.mounts.mounts, "Attach a filesystem mount to the container (type=bind|volume|tmpfs,...)")
        ->allow_extra_args(false);
    c->add_option("--tmpfs", f.mounts.tmpfs, "Mount a tmpfs directory (DST[:OPTIONS])")->allow_extra_args(false);
    c->add_option("--volumes-from", f.mounts.volumesFrom, "Mount volumes from the specified container(s)")
        ->allow_extra_args(false);
    c->add_flag("-i,--interactive", f.interactive, "Keep STDIN open even if not attached");
    c->add_flag("-t,--tty", f.tty, "Allocate a pseudo-TTY");
    c->add_flag("--rm", f.rm, "Automatically remove the container when it exits");
    c->add_flag("--step", f.step, "Stop at each phase (layers, union, namespaces, pivot_root, caps, exec) until Enter");
    if (run)
        c->add_flag("-d,--detach", f.detach, "Run container in background and print container ID");
    // Everything after the image belongs to the container's command
    // (collected from remaining() in the callback).
    c->prefix_command(true);
    c->allow_extras();
    c->fallthrough(false); // the command words are ours, not the parent's
}

ContainerCreateOptions toOptions(const CreateFlags &f, const std::string &operation, bool attach)
{
    ContainerCreateOptions o;
    o.image = f.image;
    o.cmd = f.cmd;
    o.name = f.name;
    o.env = f.env;
    o.workdir = f.workdir;
    o.user = f.user;
    if (f.entrypointSet)
        o.entrypoint = f.entrypoint;
    o.hostname = f.hostname;
    o.network = f.network;
    o.networkAliases = f.networkAliases;
    o.ip = f.ip;
    o.publish = f.publish;
    o.publishAll = f.publishAll;
    o.capAdd = f.capAdd;
    o.capDrop = f.capDrop;
    o.devices = f.devices;
    o.memory = f.memory;
    o.cpus = f.cpus;
    o.pidsLimit = f.pidsLimit;
    o.securityOpt = security::readSecurityOptFiles(f.securityOpt); // the client reads the file, as Docker's does
    for (const auto &l : f.labels) {
        const auto eq = l.find('=');
        o.labels[l.substr(0, eq)] = eq == std::string::npos ? "" : l.substr(eq + 1);
    }
    o.tty = f.tty;
    o.openStdin = f.interactive;
    o.attachStdout = attach;
    o.autoRemove = f.rm;
    o.mountFlags = f.mounts;
    o.operation = operation;
    return o;
}

// The size of the terminal the command was given (the app's console passes
// its own pty as inFd/outFd, not this process's stdin).
void terminalSize(const CliContext &ctx, std::uint16_t &rows, std::uint16_t &cols)
{
    struct winsize ws {};
    if (::ioctl(ctx.inFd, TIOCGWINSZ, &ws) == 0 || ::ioctl(ctx.outFd, TIOCGWINSZ, &ws) == 0) {
        rows = ws.ws_row;
        cols = ws.ws_col;
    }
}

// Starts `id` held before exec, attaches, releases it, and returns the exit
// status the CLI should end with (the container's, or 0 when detached).
int startAttached(CliContext &ctx, const std::string &id, bool stdinToo, bool tty, const std::string &operation)
{
    Engine &engine = ctx.engine();
    ContainerStartOptions so;
    so.holdUntilAttach = true;
    so.operation = operation;
    if (tty)
        terminalSize(ctx, so.rows, so.cols);
    engine.startContainer(id, so);
    runtime::AttachOptions ao;
    ao.forwardStdin = stdinToo;
    ao.tty = tty;
    ao.start = true;
    const runtime::AttachResult res = engine.attachContainer(id, ctx.inFd, ctx.outFd, ctx.errFd, ao);
    if (!res.error.empty()) {
        ctx.err << "Error: " << res.error << "\n";
        return res.exitCode.value_or(126);
    }
    if (res.detached)
        return 0;
    return res.exitCode.value_or(0);
}

// Docker ends `run` with 125 when the daemon refused, 126/127 when the
// command could not be run, and otherwise the container's code.
[[noreturn]] void failStart(CliContext &ctx, const runtime::StartError &e)
{
    ctx.err << "Error: failed to start container: " << e.message() << "\n";
    throw ExitStatus{e.exitCode()};
}

// Where Docker pulls an image `run`/`create` did not find locally. Strata
// has no pull yet: this is the one place it goes (try it here; on success
// just return and the container is created from the pulled image).
// As `docker run`: the pull's transcript goes to stderr so that stdout keeps
// only what the container prints; a failed pull is the command's error.
void pullMissingImage(CliContext &ctx, const image::Reference &ref)
{
    registry::PullRequest request;
    request.reference = ref.str();
    TransferPrinter printer(ctx.err, ctx.stderrIsTerminal());
    (void)ctx.engine().pull(request, printer.sink(false));
}

// Docker's first line when the image is not in the store, then the pull.
void ensureLocalImage(CliContext &ctx, const std::string &imageRef)
{
    try {
        (void)ctx.engine().resolveImage(imageRef);
        return;
    } catch (const Error &e) {
        if (e.code() != ErrorCode::NotFound)
            throw;
    }
    const image::Reference ref = image::Reference::parse(imageRef); // a malformed name says so instead
    ctx.err << "Unable to find image '" << ref.str() << "' locally\n";
    ctx.err.flush();
    pullMissingImage(ctx, ref);
}

// create against a host: Docker's "Unable to find image" line, the host's
// pull, and a second try, as Docker's CLI does.
std::string hostCreate(CliContext &ctx, remote::RemoteHost &host, const ContainerCreateOptions &o)
{
    try {
        return host.lifecycle().create(o);
    } catch (const Error &e) {
        if (e.code() != ErrorCode::NotFound)
            throw;
    }
    const image::Reference ref = image::Reference::parse(o.image);
    ctx.err << "Unable to find image '" << ref.str() << "' locally\n";
    ctx.err.flush();
    TransferPrinter printer(ctx.err, ctx.stderrIsTerminal());
    (void)host.lifecycle().pull(ref.str(), printer.sink(false));
    return host.lifecycle().create(o);
}

// The container's output (followed from its start) until it ends; its exit code.
int hostFollow(CliContext &ctx, remote::RemoteHost &host, const std::string &id)
{
    host.lifecycle().follow(id, [&](int stream, std::string_view bytes) {
        (stream == 2 ? ctx.err : ctx.out) << bytes << std::flush;
        return true;
    });
    return host.lifecycle().wait(id);
}

void runRunOnHost(CliContext &ctx, remote::RemoteHost &host, const CreateFlags &f)
{
    const std::string id = hostCreate(ctx, host, toOptions(f, "run", !f.detach));
    if (!f.detach && (f.interactive || f.tty)) { // the hijacked stream (HostAttach.h)
        if (const int code = hostRunAttached(ctx, host, id, f.interactive, f.tty, f.rm); code != 0)
            throw ExitStatus{code};
        return;
    }
    try {
        host.lifecycle().start(id);
    } catch (const Error &) {
        if (f.rm)
            host.lifecycle().remove(id, true, false);
        throw;
    }
    if (f.detach) {
        ctx.out << id << "\n";
        return;
    }
    const int code = hostFollow(ctx, host, id);
    if (f.rm)
        host.lifecycle().remove(id, true, false);
    if (code != 0)
        throw ExitStatus{code};
}

void runRun(CliContext &ctx, const CreateFlags &f)
{
    if (auto *host = ctx.remoteHost())
        return runRunOnHost(ctx, *host, f);
    Engine &engine = ctx.engine();
    const ScopedStepPrompt prompt(engine, ctx.err, f.step);
    ensureLocalImage(ctx, f.image);
    const std::string id = engine.createContainer(toOptions(f, "run", !f.detach));
    try {
        if (f.detach) {
            ContainerStartOptions so;
            so.operation = "run";
            engine.startContainer(id, so);
            ctx.out << id << "\n";
            return;
        }
        const int code = startAttached(ctx, id, f.interactive, f.tty, "run");
        ctx.out.flush();
        if (code != 0)
            throw ExitStatus{code};
    } catch (const runtime::StartError &e) {
        if (f.rm)
            engine.removeContainer(id, true);
        failStart(ctx, e);
    }
}

void runCreate(CliContext &ctx, const CreateFlags &f)
{
    if (auto *host = ctx.remoteHost()) {
        ctx.out << hostCreate(ctx, *host, toOptions(f, "create", true)) << "\n";
        return;
    }
    Engine &engine = ctx.engine();
    const ScopedStepPrompt prompt(engine, ctx.err, f.step);
    ensureLocalImage(ctx, f.image);
    ctx.out << engine.createContainer(toOptions(f, "create", true)) << "\n";
}

struct StartFlags {
    std::vector<std::string> refs;
    bool attach = false, interactive = false, step = false;
};

// `start` without -a: each container in turn, its name as typed on success,
// every failure reported, status 1 if any failed.
void startEach(CliContext &ctx, const std::vector<std::string> &refs, const std::function<void(const std::string &)> &start)
{
    bool failed = false;
    for (const auto &ref : refs) {
        try {
            start(ref);
            ctx.out << ref << "\n";
        } catch (const Error &e) {
            ctx.err << "Error: " << e.what() << "\n";
            failed = true;
        }
    }
    if (failed)
        throw ExitStatus{1};
}

void runStartOnHost(CliContext &ctx, remote::RemoteHost &host, const StartFlags &f)
{
    if (f.attach || f.interactive) {
        if (f.refs.size() > 1)
            throw Error(ErrorCode::InvalidArgument, "you cannot start and attach multiple containers at once");
        if (const int code = hostStartAttached(ctx, host, f.refs.front(), f.interactive); code != 0)
            throw ExitStatus{code};
        return;
    }
    startEach(ctx, f.refs, [&](const std::string &ref) { host.lifecycle().start(ref); });
}

void runStart(CliContext &ctx, const StartFlags &f)
{
    if (auto *host = ctx.remoteHost())
        return runStartOnHost(ctx, *host, f);
    Engine &engine = ctx.engine();
    const ScopedStepPrompt prompt(engine, ctx.err, f.step);
    if (f.attach || f.interactive) {
        if (f.refs.size() > 1)
            throw Error(ErrorCode::InvalidArgument, "you cannot start and attach multiple containers at once");
        const container::Record r = engine.container(f.refs.front());
        try {
            if (r.state.running()) {
                runtime::AttachOptions ao;
                ao.forwardStdin = f.interactive && r.config.openStdin;
                ao.tty = r.config.tty;
                const auto res = engine.attachContainer(r.id, ctx.inFd, ctx.outFd, ctx.errFd, ao);
                if (res.exitCode && *res.exitCode)
                    throw ExitStatus{*res.exitCode};
                return;
            }
            const int code = startAttached(ctx, r.id, f.interactive && r.config.openStdin, r.config.tty, "start");
            if (code != 0)
                throw ExitStatus{code};
        } catch (const runtime::StartError &e) {
            failStart(ctx, e);
        }
        return;
    }
    startEach(ctx, f.refs, [&](const std::string &ref) { engine.startContainer(ref, {}); });
}

} // namespace

void registerContainerRunCommands(CLI::App &app, CliContext &ctx)
{
    for (const char *verb : {"run", "create"}) {
        const bool run = std::string(verb) == "run";
        auto f = std::make_shared<CreateFlags>();
        CLI::App *c = app.add_subcommand(verb, run ? "Run a command in a new container" : "Create a new container");
        addCreateFlags(c, *f, run);
        c->callback([&ctx, f, c, run] {
            f->entrypointSet = c->count("--entrypoint") > 0;
            f->cmd = c->remaining();
            if (!run) {
                runCreate(ctx, *f); // Docker's `create` exits 1 on daemon errors, as other verbs do
                return;
            }
            try {
                runRun(ctx, *f);
            } catch (const ExitStatus &) {
                throw;
            } catch (const std::exception &e) {
                // Docker's `run` ends with 125 whenever the engine refused
                // (README's exit-code table); the container's own codes and
                // 126/127 come through ExitStatus above.
                ctx.err << "Error: " << e.what() << "\n";
                throw ExitStatus{125};
            }
        });
    }
    auto s = std::make_shared<StartFlags>();
    CLI::App *start = app.add_subcommand("start", "Start one or more stopped containers");
    start->add_option("container", s->refs, "CONTAINER [CONTAINER...]")->required();
    start->add_flag("-a,--attach", s->attach, "Attach STDOUT/STDERR and forward signals");
    start->add_flag("-i,--interactive", s->interactive, "Attach container's STDIN");
    start->add_flag("--step", s->step, "Stop at each phase until Enter");
    start->callback([&ctx, s] { runStart(ctx, *s); });
}

} // namespace strata::engine::cli
