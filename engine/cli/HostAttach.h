// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The interactive verbs against a real host, as Docker's CLI runs them over
// the Engine API's hijacked connection (engine/remote/StreamRelay.h):
// `run -i/-t`, `start -a/-i`, `attach`, `exec -i/-t`. Each returns the
// exit status the CLI ends with: the container's (or the exec's), 0 after
// the detach keys, 130 when the app's Stop ended it.

#include "engine/cli/CliContext.h"

#include <string>

namespace strata::engine::cli {

// `run` once the container is created: the wait for its exit and the
// attach first (no output, no exit code lost), start, relay; with --rm
// (HostConfig.AutoRemove: the host removes it, detached or not) it returns
// once the host has removed it.
int hostRunAttached(CliContext &ctx, remote::RemoteHost &host, const std::string &id, bool interactive, bool tty,
                    bool rm);
// `start -a [-i]`: the container's own Tty/OpenStdin decide the stream.
int hostStartAttached(CliContext &ctx, remote::RemoteHost &host, const std::string &ref, bool interactive);
// `attach`: a running container only (Docker's lines otherwise).
int hostAttach(CliContext &ctx, remote::RemoteHost &host, const std::string &ref, bool noStdin,
               const std::string &detachKeys);
// `exec -i/-t`.
int hostExecInteractive(CliContext &ctx, remote::RemoteHost &host, const std::string &ref, const remote::HostExec &e,
                        const std::string &detachKeys);

} // namespace strata::engine::cli
