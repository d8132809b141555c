// SPDX-License-Identifier: GPL-3.0-or-later
// `build`: the facade reads the context and the Dockerfile, and lends the
// builder (engine/build/Builder) its stores and runtime through the
// BuildBackend below: real containers for RUN and the config steps, a bare
// read-write layer on the image for COPY/ADD, commits through
// container::commitContainer, the classic builder's cache over the images'
// container_config.
#include "engine/facade/EngineState.h"
#include "engine/Error.h"
#include "engine/build/BuildFailed.h"
#include "engine/build/Builder.h"
#include "engine/build/LayerCopy.h"
#include "engine/build/OutputPump.h"
#include "engine/container/ContainerCommit.h"
#include "engine/util/Fs.h"

#include <fcntl.h>
#include <unistd.h>

namespace strata::engine {
namespace {

namespace stdfs = std::filesystem;
using build::BuildFailed;
using build::FailurePhase;

// The two JSON objects describe the same step (key order aside).
bool sameConfig(const image::Json &a, const image::Json &b)
{
    return nlohmann::json::parse(a.dump()) == nlohmann::json::parse(b.dump());
}

// A template over the engine's private state so it may name it from here.
template <class Impl>
class EngineBackend : public build::BuildBackend {
public:
    EngineBackend(Engine &engine, Impl &m) : m_engine(engine), m(m) {}

    Digest resolveImage(const std::string &ref) override { return m.images.resolve(ref); }
    Digest pullImage(const std::string &ref, const registry::ProgressSink &progress) override
    {
        registry::PullRequest request;
        request.reference = ref;
        (void)m_engine.pull(request, progress);
        return m.images.resolve(ref);
    }
    image::ImageConfig imageConfig(const Digest &id) override { return m.images.get(id).config; }
    void tag(const Digest &id, const std::string &name) override { m.images.tag(id, name); }

    std::optional<Digest> findCached(const Digest &parent, const image::Json &containerConfig) override
    {
        std::optional<Digest> best;
        std::string newest;
        for (const auto &img : m.images.list()) {
            if (img.parent != parent)
                continue;
            const auto it = img.config.extra.find("container_config");
            if (it == img.config.extra.end() || !sameConfig(*it, containerConfig))
                continue;
            if (!best || img.config.created > newest) {
                best = img.id;
                newest = img.config.created;
            }
        }
        return best;
    }

    std::string createContainer(const Digest &image, const std::vector<std::string> &cmd,
                                const std::vector<std::string> &extraEnv) override
    {
        ContainerCreateOptions o;
        o.image = image.str();
        o.cmd = cmd;
        o.entrypoint = std::string(); // RUN ignores the image's ENTRYPOINT
        o.env = extraEnv;
        return m_engine.createContainer(o);
    }

    int runContainer(const std::string &id, const build::OutputSink &out) override
    {
        ContainerStartOptions so;
        so.holdUntilAttach = true;
        m_engine.startContainer(id, so);
        build::OutputPump pump(out);
        const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        runtime::AttachOptions ao;
        ao.start = true;
        ao.detachKeys.clear();
        runtime::AttachResult res;
        try {
            res = m_engine.attachContainer(id, devNull, pump.stdoutFd(), pump.stderrFd(), ao);
        } catch (...) {
            ::close(devNull);
            throw;
        }
        ::close(devNull);
        pump.finish();
        if (!res.error.empty())
            throw BuildFailed(FailurePhase::Step, res.error, res.exitCode.value_or(1) == 0 ? 1 : *res.exitCode);
        return res.exitCode ? *res.exitCode : m_engine.waitContainer(id);
    }

    void makeWorkdir(const std::string &id, const std::string &dir) override
    {
        const container::Record r = m.loadFresh(id);
        const container::ContainerFs fs = fsOf(r);
        container::MountedUnion mounted(fs);
        (void)build::makeDirsInRoot(mounted.root(), dir);
        fs.driver->sync(fs.lowers, fs.dir, fs.mounts);
    }

    Digest commitContainer(const std::string &id, const build::StepCommit &commit) override
    {
        const container::Record r = m.loadFresh(id);
        return commitFs(fsOf(r), Digest::parse(r.image), commit);
    }

    void removeContainer(const std::string &id) override { m_engine.removeContainer(id, true, true); }

    Digest commitLayer(const Digest &image, const build::RootAction &write, const build::StepCommit &commit) override
    {
        BareLayer layer(m, image);
        {
            container::MountedUnion mounted(layer.fs);
            write(mounted.root());
            layer.fs.driver->sync(layer.fs.lowers, layer.fs.dir, layer.fs.mounts);
        }
        return commitFs(layer.fs, image, commit);
    }

    void withImageRoot(const Digest &image, const build::RootAction &read) override
    {
        BareLayer layer(m, image);
        container::MountedUnion mounted(layer.fs);
        read(mounted.root());
    }

private:
    // A read-write layer on an image with no container record: what Docker's
    // builder mounts for COPY and ADD. Gone when this object goes.
    struct BareLayer {
        BareLayer(Impl &m, const Digest &image) : driver(m.driver())
        {
            const std::string id = "build-" + m.containers.newId().substr(0, 16);
            fs.id = id;
            fs.name = id;
            fs.dir = m.layout.tmpDir() / id;
            fs.driver = &driver;
            fsutil::makeDirs(fs.dir, 0710);
            if (!image.empty()) {
                for (const auto &l : m.images.layerChain(m.images.get(image)))
                    fs.lowers.push_back({m.images.layers().diffDir(l.chainId), l.whiteouts, l.chainId.str()});
            }
            if (fs.lowers.empty()) { // scratch: an empty lower, as overlayfs wants one
                fsutil::makeDirs(fs.dir / "scratch", 0755);
                fs.lowers.push_back({fs.dir / "scratch", layer::WhiteoutFormat::OciMarkers, "scratch"});
            }
            driver.createLayer(fs.dir);
        }
        ~BareLayer()
        {
            try {
                if (driver.isMounted(fs.dir))
                    driver.unmount(fs.dir);
                driver.removeLayer(fs.dir);
                fsutil::removeTree(fs.dir);
            } catch (...) {
                // a leftover under tmp/ is harmless; the build's outcome matters more
            }
        }
        fs::drivers::UnionDriver &driver;
        container::ContainerFs fs;
    };

    container::ContainerFs fsOf(const container::Record &r)
    {
        container::ContainerFs fs;
        fs.id = r.id;
        fs.name = r.name;
        fs.dir = m.containers.dir(r.id);
        fs.driver = &m.driverFor(r);
        fs.lowers = m.lowersOf(r);
        fs.mounts = Impl::excludedPaths(r);
        return fs;
    }

    Digest commitFs(const container::ContainerFs &fs, const Digest &image, const build::StepCommit &commit)
    {
        container::CommitSource source;
        source.fs = fs;
        source.imageId = image;
        source.config = commit.containerConfig;
        source.imageConfig = commit.runConfig;
        container::CommitOptions o;
        o.author = commit.author;
        o.pause = false;
        events::OpenGate open;
        return container::commitContainer(m.images, source, o, open).id;
    }

    Engine &m_engine;
    Impl &m;
};

std::string readDockerfile(const build::BuildOptions &options)
{
    if (options.dockerfileText)
        return *options.dockerfileText;
    stdfs::path file = options.dockerfile.empty() ? options.context / "Dockerfile" : options.dockerfile;
    file = stdfs::absolute(file);
    std::error_code ec;
    if (!stdfs::exists(stdfs::symlink_status(file, ec)))
        throw BuildFailed(FailurePhase::Context, "unable to prepare context: unable to evaluate symlinks in "
                                                 "Dockerfile path: lstat " + file.string() +
                                                     ": no such file or directory");
    return fsutil::readFile(file);
}

} // namespace

build::BuildOutcome Engine::buildImage(const build::BuildOptions &options)
{
    Impl &m = *m_impl;
    std::error_code ec;
    if (!options.context.empty() && !stdfs::is_directory(options.context, ec))
        throw BuildFailed(FailurePhase::Context,
                          "unable to prepare context: path \"" + options.context.string() + "\" not found");
    const std::string text = readDockerfile(options);
    const build::BuildContext context(options.context.empty() ? stdfs::path() : stdfs::absolute(options.context));
    if (options.contextSent)
        options.contextSent(context.tarSize());
    const build::Dockerfile dockerfile = build::parseDockerfile(text);
    EngineBackend<Impl> backend(*this, m);
    build::Builder builder(backend, m.bus, options.output);
    m.bus.publish(events::EventKind::BuildContextSent, builder.id(),
                  {{"context", context.dir().string()}, {"bytes", context.tarSize()},
                   {"entries", context.entries()}, {"dockerfile", text}, {"steps", dockerfile.stepCount()}});
    return builder.build(dockerfile, context, options);
}

} // namespace strata::engine
