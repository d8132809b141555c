// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/NewContainer.h"

#include "engine/container/CreateOptions.h"
#include "engine/Error.h"
#include "engine/container/ContainerCaps.h"
#include "engine/runtime/ResourceLimits.h"
#include "engine/runtime/RuntimeSpec.h"
#include "engine/security/DevicePolicy.h"
#include "engine/security/SecurityOpt.h"

#include <cstdlib>
#include <unistd.h>

namespace strata::engine::container {
namespace {

std::vector<std::string> stringsOf(const image::Json &config, const char *key)
{
    std::vector<std::string> out;
    if (auto it = config.find(key); it != config.end() && it->is_array())
        for (const auto &v : *it)
            if (v.is_string())
                out.push_back(v.get<std::string>());
    return out;
}

std::string keyOf(const std::string &kv)
{
    return kv.substr(0, kv.find('='));
}

// Image Env, then -e: same key replaces; "-e K" takes K from the caller's
// environment and is dropped when unset (docker/cli opts.ValidateEnv).
std::vector<std::string> mergeEnv(std::vector<std::string> env, const std::vector<std::string> &extra)
{
    for (std::string kv : extra) {
        if (kv.find('=') == std::string::npos) {
            const char *v = std::getenv(kv.c_str());
            if (!v)
                continue;
            kv += "=" + std::string(v);
        }
        const std::string key = keyOf(kv);
        bool replaced = false;
        for (auto &e : env)
            if (keyOf(e) == key) {
                e = kv;
                replaced = true;
            }
        if (!replaced)
            env.push_back(kv);
    }
    return env;
}

std::string hostHostname()
{
    char buf[256] = {};
    ::gethostname(buf, sizeof buf - 1);
    return buf;
}

void applyCommand(Record &r, const CreateOptions &o, const image::Json &ic)
{
    Config &c = r.config;
    if (o.entrypoint) {
        c.entrypointSet = true;
        if (!o.entrypoint->empty())
            c.entrypoint = {*o.entrypoint};
        c.cmd = o.cmd; // an --entrypoint drops the image's CMD (as Docker)
    } else {
        c.entrypoint = stringsOf(ic, "Entrypoint");
        c.cmd = o.cmd.empty() ? stringsOf(ic, "Cmd") : o.cmd;
    }
    std::vector<std::string> argv = c.entrypoint;
    argv.insert(argv.end(), c.cmd.begin(), c.cmd.end());
    if (argv.empty())
        throw Error(ErrorCode::InvalidArgument, "No command specified");
    r.path = argv.front();
    r.args.assign(argv.begin() + 1, argv.end());
}

void applyConfig(Record &r, const CreateOptions &o, const image::Json &ic, const std::string &network)
{
    Config &c = r.config;
    c.image = o.image;
    c.env = mergeEnv(stringsOf(ic, "Env"), o.env);
    bool hasPath = false;
    for (const auto &e : c.env)
        hasPath = hasPath || keyOf(e) == "PATH";
    if (!hasPath)
        c.env.insert(c.env.begin(), std::string("PATH=") + runtime::defaultPath());
    applyCommand(r, o, ic);
    c.hostname = !o.hostname.empty() ? o.hostname : network == "host" ? hostHostname() : r.shortId();
    c.user = o.user.empty() ? ic.value("User", "") : o.user;
    c.workingDir = o.workdir.empty() ? ic.value("WorkingDir", "") : o.workdir;
    c.tty = o.tty;
    c.openStdin = o.openStdin;
    c.attachStdout = c.attachStderr = o.attachStdout;
    c.attachStdin = o.openStdin && o.attachStdout;
    c.stdinOnce = c.attachStdin;
    if (auto it = ic.find("Labels"); it != ic.end() && it->is_object())
        for (const auto &[k, v] : it->items())
            if (v.is_string())
                c.labels[k] = v.get<std::string>();
    for (const auto &[k, v] : o.labels)
        c.labels[k] = v;
    if (auto it = ic.find("Volumes"); it != ic.end() && it->is_object())
        for (const auto &[k, v] : it->items())
            c.volumes.push_back(k);
}

void applyHostConfig(HostConfig &h, const CreateOptions &o, const std::string &network)
{
    h.networkMode = network;
    h.autoRemove = o.autoRemove;
    h.capAdd = o.capAdd;
    h.capDrop = o.capDrop;
    (void)effectiveCapabilities(h.capAdd, h.capDrop); // validates the names now, as Docker does
    for (const auto &d : o.devices)
        h.devices.push_back(security::parseDeviceFlag(d));
    h.securityOpt = o.securityOpt;
    h.memory = o.memory.empty() ? 0 : runtime::parseMemoryBytes(o.memory);
    h.nanoCpus = o.cpus.empty() ? 0 : runtime::parseNanoCpus(o.cpus);
    h.pidsLimit = o.pidsLimit > 0 ? o.pidsLimit : 0;
    if (!h.securityOpt.empty()) // none: the default profile, nothing to check (and no copy of it to make)
        (void)security::seccompProfileFor(h.securityOpt); // refuses a bad option or profile now, as Docker does
    h.maskedPaths = runtime::dockerDefaultMaskedPaths();
    h.readonlyPaths = runtime::dockerDefaultReadonlyPaths();
}

} // namespace

void applyCreateOptions(Record &r, const CreateOptions &o, const image::Json &imageConfig,
                        const std::string &network)
{
    applyConfig(r, o, imageConfig, network);
    applyHostConfig(r.hostConfig, o, network);
}

} // namespace strata::engine::container
