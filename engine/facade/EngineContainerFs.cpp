// SPDX-License-Identifier: GPL-3.0-or-later
// The container file-system verbs: diff, commit, cp, export. Each turns the
// container's record into a ContainerFs (driver, lowers with the init layer,
// mount destinations) and calls the matching engine/container function.
#include "engine/facade/EngineState.h"
#include "engine/Error.h"
#include "engine/container/ContainerCommit.h"
#include "engine/container/ContainerCopy.h"
#include "engine/container/ContainerDiff.h"
#include "engine/container/ContainerExport.h"
#include "engine/layer/ByteStream.h"

namespace strata::engine {
namespace {

using container::Record;
using container::Status;

container::ContainerFs fsOf(const Record &r, const std::filesystem::path &dir, fs::drivers::UnionDriver &driver,
                            fs::drivers::Lowers lowers, std::vector<std::string> mounts)
{
    container::ContainerFs fs;
    fs.id = r.id;
    fs.name = r.name;
    fs.dir = dir;
    fs.driver = &driver;
    fs.lowers = std::move(lowers);
    fs.mounts = std::move(mounts);
    return fs;
}

// Docker refuses the file-system verbs on a container on its way out.
void checkUsable(const Record &r, const std::string &ref)
{
    if (r.state.status == Status::Removing || r.state.status == Status::Dead)
        throw Error(ErrorCode::Conflict, "container " + ref + " is marked for removal and cannot be used");
}

char letterOf(layer::ChangeKind kind)
{
    return layer::changeLetter(kind);
}

} // namespace

std::vector<ContainerChangeLine> Engine::diffContainer(const std::string &ref)
{
    Impl &m = *m_impl;
    const Record r = m.loadFresh(ref);
    checkUsable(r, ref);
    std::vector<ContainerChangeLine> out;
    for (const auto &c : container::diffContainer(fsOf(r, m.containers.dir(r.id), m.driverFor(r), m.lowersOf(r), Impl::excludedPaths(r))))
        out.push_back({letterOf(c.change.kind), "/" + c.change.path, c.change.opaque, c.size, c.fromLayer});
    return out;
}

ContainerLayerUsage Engine::containerLayerUsage(const std::string &ref, std::size_t keep)
{
    ContainerLayerUsage u;
    for (const auto &line : diffContainer(ref)) {
        if (line.kind != 'D')
            u.bytes += line.size;
        (line.kind == 'A' ? u.added : line.kind == 'C' ? u.changed : u.deleted)++;
        if (u.first.size() < keep)
            u.first.push_back(line);
    }
    return u;
}

Digest Engine::commitContainer(const std::string &ref, const CommitOptions &options)
{
    Impl &m = *m_impl;
    const auto lifecycle = m.lockContainer(ref);
    const Record r = m.loadFresh(ref);
    checkUsable(r, ref);
    container::CommitSource source;
    source.fs = fsOf(r, m.containers.dir(r.id), m.driverFor(r), m.lowersOf(r), Impl::excludedPaths(r));
    source.imageId = Digest::parse(r.image);
    source.config = r.toJson()["Config"];
    if (r.state.status == Status::Running) { // a paused one stays paused, as Docker leaves it
        const auto dir = m.containers.dir(r.id);
        source.freeze = [dir] { (void)runtime::freeze(dir); };
        source.thaw = [dir] { (void)runtime::thaw(dir); };
    }
    container::CommitOptions o{options.message, options.author, options.changes, options.pause, options.repoTag};
    events::OpenGate open;
    return container::commitContainer(m.images, source, o, m.gate ? *m.gate : open).id;
}

CopyOutcome Engine::copyFromContainer(const std::string &ref, const std::string &srcPath,
                                      const std::filesystem::path &dest, const CopyOptions &options)
{
    Impl &m = *m_impl;
    const Record r = m.loadFresh(ref);
    checkUsable(r, ref);
    const auto res = container::copyFromContainer(fsOf(r, m.containers.dir(r.id), m.driverFor(r), m.lowersOf(r), Impl::excludedPaths(r)), srcPath, dest, {options.followLink, options.archive}, m.bus);
    return {res.tarBytes, res.entries, res.destination};
}

CopyOutcome Engine::archiveFromContainer(const std::string &ref, const std::string &srcPath, int fd,
                                         const CopyOptions &options)
{
    Impl &m = *m_impl;
    const Record r = m.loadFresh(ref);
    checkUsable(r, ref);
    auto sink = layer::makeFdSink(fd, "stdout");
    const auto res = container::archiveFromContainer(
        fsOf(r, m.containers.dir(r.id), m.driverFor(r), m.lowersOf(r), Impl::excludedPaths(r)), srcPath, *sink,
        {options.followLink, options.archive}, m.bus);
    return {res.tarBytes, res.entries, "-"};
}

CopyOutcome Engine::extractToContainer(int fd, const std::string &ref, const std::string &destPath)
{
    Impl &m = *m_impl;
    const Record r = m.loadFresh(ref);
    checkUsable(r, ref);
    auto held = m.images.lock();
    auto source = layer::openFileSource(fd == 0 ? std::filesystem::path("-") : std::filesystem::path("/proc/self/fd/" + std::to_string(fd)));
    const auto res = container::extractToContainer(
        fsOf(r, m.containers.dir(r.id), m.driverFor(r), m.lowersOf(r), Impl::excludedPaths(r)), *source, destPath,
        m.bus);
    return {res.tarBytes, res.entries, ref + ":" + destPath};
}

CopyOutcome Engine::copyToContainer(const std::filesystem::path &src, const std::string &ref,
                                    const std::string &destPath, const CopyOptions &options)
{
    Impl &m = *m_impl;
    const Record r = m.loadFresh(ref);
    checkUsable(r, ref);
    auto held = m.images.lock(); // the layer changes: one writer at a time
    const auto res = container::copyToContainer(fsOf(r, m.containers.dir(r.id), m.driverFor(r), m.lowersOf(r), Impl::excludedPaths(r)), src, destPath, {options.followLink, options.archive}, m.bus);
    return {res.tarBytes, res.entries, ref + ":" + destPath};
}

void Engine::exportContainer(const std::string &ref, const std::filesystem::path &output, int fd)
{
    Impl &m = *m_impl;
    const Record r = m.loadFresh(ref);
    checkUsable(r, ref);
    const container::ContainerFs fs = fsOf(r, m.containers.dir(r.id), m.driverFor(r), m.lowersOf(r), Impl::excludedPaths(r));
    if (output == "-") {
        auto sink = layer::makeFdSink(fd, "stdout");
        (void)container::exportContainer(fs, *sink, m.bus);
        return;
    }
    (void)container::exportContainerToFile(fs, output, m.bus);
}

} // namespace strata::engine
