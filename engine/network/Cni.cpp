// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/network/Cni.h"

#include "engine/Error.h"

#include <cerrno>
#include <cstring>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace strata::engine::network {
namespace {

struct Output {
    int status = 0;
    std::string out;
};

// posix_spawn (the engine may be a threaded GUI) with stdin fed and stdout
// + stderr collected; the plugins are small and quick.
Output runPlugin(const std::string &path, const std::vector<std::string> &env, const std::string &input)
{
    int in[2], out[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0)
        throw Error(ErrorCode::Io, "pipe for CNI plugin: " + std::string(std::strerror(errno)));
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    std::vector<char *> argv{const_cast<char *>(path.c_str()), nullptr};
    std::vector<char *> envp;
    for (const auto &e : env)
        envp.push_back(const_cast<char *>(e.c_str()));
    envp.push_back(nullptr);
    pid_t pid = 0;
    const int rc = ::posix_spawn(&pid, path.c_str(), &fa, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&fa);
    ::close(in[0]);
    ::close(out[1]);
    if (rc != 0) {
        ::close(in[1]);
        ::close(out[0]);
        throw Error(ErrorCode::NotFound, "CNI plugin " + path + ": " + std::strerror(rc) +
                                             " (install containernetworking-plugins)");
    }
    // The input is a few KiB: below the pipe buffer, so writing first cannot block forever.
    const auto sigpipe = std::signal(SIGPIPE, SIG_IGN);
    std::size_t done = 0;
    while (done < input.size()) {
        const ssize_t n = ::write(in[1], input.data() + done, input.size() - done);
        if (n <= 0 && errno != EINTR)
            break;
        if (n > 0)
            done += static_cast<std::size_t>(n);
    }
    ::close(in[1]);
    std::signal(SIGPIPE, sigpipe);
    Output o;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(out[0], buf, sizeof buf);
        if (n > 0)
            o.out.append(buf, static_cast<std::size_t>(n));
        else if (n == 0 || errno != EINTR)
            break;
    }
    ::close(out[0]);
    while (::waitpid(pid, &o.status, 0) < 0 && errno == EINTR) {
    }
    return o;
}

Json pluginConfig(const CniCall &call, const Json &plugin, const Json &prevResult)
{
    Json conf = plugin;
    conf["cniVersion"] = call.configList.value("cniVersion", "1.0.0");
    conf["name"] = call.configList.value("name", "");
    if (auto caps = plugin.find("capabilities"); caps != plugin.end() && caps->is_object()) {
        Json rc = Json::object();
        for (const auto &[k, v] : caps->items())
            if (v.is_boolean() && v.get<bool>() && call.runtimeConfig.contains(k))
                rc[k] = call.runtimeConfig[k];
        if (!rc.empty())
            conf["runtimeConfig"] = rc;
    }
    if (!prevResult.is_null())
        conf["prevResult"] = prevResult;
    return conf;
}

Json invoke(const char *command, const CniCall &call, const Json &plugin, const Json &prevResult)
{
    const std::string type = plugin.value("type", "");
    const std::string dir = cniPluginDir();
    std::vector<std::string> env{std::string("CNI_COMMAND=") + command, "CNI_CONTAINERID=" + call.containerId,
                                 "CNI_NETNS=" + call.netnsPath,         "CNI_IFNAME=" + call.ifname,
                                 "CNI_PATH=" + dir,                     "PATH=/usr/sbin:/usr/bin:/sbin:/bin"};
    const Output o = runPlugin(dir + "/" + type, env, pluginConfig(call, plugin, prevResult).dump());
    Json result;
    try {
        result = o.out.empty() ? Json() : Json::parse(o.out);
    } catch (const std::exception &) {
    }
    const bool ok = WIFEXITED(o.status) && WEXITSTATUS(o.status) == 0;
    if (!ok) {
        std::string msg = result.is_object() ? result.value("msg", "") : "";
        if (result.is_object() && !result.value("details", "").empty())
            msg += ": " + result.value("details", "");
        throw Error(ErrorCode::Io, "CNI plugin " + type + " " + command + " failed: " + (msg.empty() ? o.out : msg));
    }
    return result;
}

} // namespace

std::string cniPluginDir()
{
    const char *env = std::getenv("STRATA_CNI_PATH");
    return env && *env ? env : "/usr/lib/cni";
}

Json cniAdd(const CniCall &call)
{
    const Json &plugins = call.configList.at("plugins");
    Json prev;
    for (std::size_t i = 0; i < plugins.size(); ++i) {
        try {
            Json r = invoke("ADD", call, plugins[i], prev);
            if (!r.is_null())
                prev = std::move(r);
        } catch (...) {
            // Undo what the earlier plugins (and this one, partly) did: the
            // spec's DEL is idempotent and tolerates half-made state.
            CniCall undo = call;
            undo.configList["plugins"] = Json(plugins.begin(), plugins.begin() + static_cast<long>(i) + 1);
            cniDel(undo, prev);
            throw;
        }
    }
    return prev;
}

void cniDel(const CniCall &call, const Json &prevResult)
{
    const Json &plugins = call.configList.at("plugins");
    for (std::size_t i = plugins.size(); i-- > 0;) {
        try {
            (void)invoke("DEL", call, plugins[i], prevResult);
        } catch (const Error &) {
            // keep going: every plugin gets its chance to clean up
        }
    }
}

} // namespace strata::engine::network
