// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the builder asks of the engine, step by step. The engine implements
// it over its real stores and runtime (engine/EngineBuild.cpp); the builder
// itself never touches a store, so the rules of a build (engine/build/Builder)
// stay readable apart from the mechanics of containers and layers.

#include "engine/image/OciTypes.h"
#include "engine/registry/Transfer.h"
#include "engine/util/Digest.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine::build {

using OutputSink = std::function<void(const std::string &)>;
using RootAction = std::function<void(const std::filesystem::path &root)>;

// What a step's commit records: the run config as the image's Config, the
// step's container config (Cmd = what ran, or "#(nop) …") as container_config,
// from which history's created_by and the cache key come.
struct StepCommit {
    image::Json runConfig;
    image::Json containerConfig;
    std::string author;
};

class BuildBackend {
public:
    virtual ~BuildBackend() = default;

    // NotFound for an image not in the store.
    virtual Digest resolveImage(const std::string &ref) = 0;
    // `pull` of an image the store lacks (FROM, COPY --from); its id.
    virtual Digest pullImage(const std::string &ref, const registry::ProgressSink &progress) = 0;
    virtual image::ImageConfig imageConfig(const Digest &id) = 0;
    // The classic builder's cache: a child of `parent` made by the same step.
    virtual std::optional<Digest> findCached(const Digest &parent, const image::Json &containerConfig) = 0;
    virtual void tag(const Digest &id, const std::string &name) = 0;

    // A real container of `image` (never empty) with `cmd` and the extra
    // environment; not started. Returns its full id.
    virtual std::string createContainer(const Digest &image, const std::vector<std::string> &cmd,
                                        const std::vector<std::string> &extraEnv) = 0;
    // Starts it, streams its stdout and stderr to `out` (stderr in Docker's
    // red), waits; returns the exit code.
    virtual int runContainer(const std::string &id, const OutputSink &out) = 0;
    // WORKDIR: makes `dir` in the container's file system (0755, root).
    virtual void makeWorkdir(const std::string &id, const std::string &dir) = 0;
    virtual Digest commitContainer(const std::string &id, const StepCommit &commit) = 0;
    virtual void removeContainer(const std::string &id) = 0;

    // COPY/ADD (and steps on an empty scratch stage): a read-write layer on
    // `image` (empty = scratch), mounted; `write` fills it; it is committed.
    virtual Digest commitLayer(const Digest &image, const RootAction &write, const StepCommit &commit) = 0;
    // COPY --from: the image's merged files, mounted for as long as `read` runs.
    virtual void withImageRoot(const Digest &image, const RootAction &read) = 0;
};

} // namespace strata::engine::build
