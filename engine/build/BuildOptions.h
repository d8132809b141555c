// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `build`'s flags as the engine takes them (Docker 20.10's classic builder).

#include "engine/build/BuildBackend.h"
#include "engine/registry/Transfer.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace strata::engine::build {

struct BuildOptions {
    std::filesystem::path context;        // empty: no context (Dockerfile from stdin)
    std::filesystem::path dockerfile;     // -f; empty = CONTEXT/Dockerfile; relative = to the working dir
    std::optional<std::string> dockerfileText; // the Dockerfile itself (read from stdin)
    std::vector<std::string> tags;        // -t NAME[:TAG]
    std::map<std::string, std::string> buildArgs; // --build-arg
    std::map<std::string, std::string> labels;    // --label
    bool noCache = false;
    bool removeIntermediate = true;       // --rm
    bool forceRemove = false;             // --force-rm
    std::string target;                   // --target
    // The transcript ("Step 2/5 : RUN …", " ---> …") and the RUN output;
    // null: nothing printed (-q).
    OutputSink output;
    // Called once the context is read, before the Dockerfile is parsed, with
    // the size of the tar Docker's client would send (the CLI prints
    // "Sending build context to Strata engine  2.048kB").
    std::function<void(std::uint64_t bytes)> contextSent;
    // A FROM (or COPY --from) image missing from the store is pulled, as the
    // daemon does; the pull's progress goes here (the CLI prints it into the
    // transcript as `docker build` does). Null: pulled without a word.
    registry::ProgressSink pullProgress;
};

struct BuildOutcome {
    Digest id;
    std::vector<std::string> tags;        // as tagged: "name:tag"
    int steps = 0;
};

} // namespace strata::engine::build
