// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/StartSpec.h"

#include "engine/container/ContainerCaps.h"
#include "engine/container/InitLayer.h"
#include "engine/security/SecurityOpt.h"

#include <unistd.h>

namespace strata::engine::container {

runtime::RuntimeSpec startSpecOf(const Record &r, const StartSpecInput &in)
{
    runtime::RuntimeSpec spec;
    spec.id = r.id;
    spec.args.push_back(r.path);
    spec.args.insert(spec.args.end(), r.args.begin(), r.args.end());
    spec.env = r.config.env;
    spec.env.push_back("HOSTNAME=" + r.config.hostname);
    if (r.config.tty)
        spec.env.push_back("TERM=xterm");
    spec.cwd = r.config.workingDir.empty() ? "/" : r.config.workingDir;
    spec.user = r.config.user;
    spec.tty = r.config.tty;
    spec.openStdin = r.config.openStdin;
    spec.stdinOnce = r.config.stdinOnce;
    spec.consoleRows = in.rows;
    spec.consoleCols = in.cols;
    spec.hostname = r.config.hostname;
    spec.rootfs = in.rootfs;
    spec.readonlyRootfs = r.hostConfig.readonlyRootfs;
    spec.mounts = initMounts(in.containerDir);
    spec.userNamespace = ::geteuid() != 0;
    spec.shareHostNetwork = r.hostConfig.networkMode == "host";
    spec.capabilities = effectiveCapabilities(r.hostConfig.capAdd, r.hostConfig.capDrop);
    spec.maskedPaths = r.hostConfig.maskedPaths;
    spec.readonlyPaths = r.hostConfig.readonlyPaths;
    spec.noNewPrivileges = true;
    spec.cgroupParent = "strata";
    if (!r.hostConfig.securityOpt.empty()) // none: the spec holds Docker's default profile already (no second copy)
        spec.seccomp = security::seccompProfileFor(r.hostConfig.securityOpt);
    spec.limits = {r.hostConfig.memory, r.hostConfig.nanoCpus, r.hostConfig.pidsLimit};
    for (const auto &node : in.devices) {
        spec.devices.push_back(node);
        spec.deviceRules.push_back({node.type, node.major, node.minor, node.access});
    }
    spec.stepGate = in.stepGate;
    return spec;
}

} // namespace strata::engine::container
