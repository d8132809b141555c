// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The classic builder's loop (Docker 20.10, DOCKER_BUILDKIT=0): meta ARGs,
// then stage by stage FROM and its instructions, each printed as
// "Step i/n : <as written>" and ended by " ---> <image>". Per step:
//   RUN          a real container runs the command; it is committed into an
//                intermediate image and removed (--rm) — "Running in …",
//                "Removing intermediate container …"
//   COPY, ADD    files written into a new read-write layer, committed
//   the others   the run config changes; a container records it as Docker's
//                does, committed with an empty layer (history "#(nop)")
// Before each commit the cache is asked for an image the same step already
// made on the same parent (" ---> Using cache"). Events tell the app each
// beat: context sent, step started, container, commit, cache hit, step done.

#include "engine/build/BuildBackend.h"
#include "engine/build/BuildContext.h"
#include "engine/build/BuildOptions.h"
#include "engine/build/Dockerfile.h"
#include "engine/events/EventBus.h"

namespace strata::engine::build {

class Builder {
public:
    Builder(BuildBackend &backend, events::EventBus &bus, OutputSink output);

    // Throws BuildFailed (or Error) when the build stops; intermediate
    // images of the steps that succeeded stay (they are the cache).
    BuildOutcome build(const Dockerfile &dockerfile, const BuildContext &context, const BuildOptions &options);

    // The build's id in its events.
    [[nodiscard]] const std::string &id() const { return m_id; }

private:
    struct Impl;
    BuildBackend &m_backend;
    events::EventBus &m_bus;
    OutputSink m_output;
    std::string m_id;
};

} // namespace strata::engine::build
