// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/ContainerCommit.h"

#include "engine/Error.h"
#include "engine/container/CommitConfig.h"
#include "engine/container/InitLayerPaths.h"
#include "engine/container/OperationSteps.h"
#include "engine/image/ArchiveInput.h"
#include "engine/image/StoreTransaction.h"
#include "engine/layer/LayerWriter.h"
#include "engine/util/Platform.h"

namespace strata::engine::container {
namespace {

enum Phase { Freeze, Diff, WriteLayer, WriteConfig, Tag };

std::vector<PhaseSpec> commitPhases()
{
    return {{"freeze", "container processes frozen"},
            {"diff", "container layer read"},
            {"write-layer", "layer tar written and stored"},
            {"write-config", "image config written"},
            {"tag", "image tagged"}};
}

// Thaws on every way out: an error while writing must not leave the container frozen.
class FreezeGuard {
public:
    FreezeGuard(const CommitSource &source, bool pause)
    {
        if (pause && source.freeze && source.thaw) {
            source.freeze();
            m_thaw = source.thaw;
        }
    }
    ~FreezeGuard()
    {
        if (m_thaw) {
            try {
                m_thaw();
            } catch (...) {
                // `unpause` can still thaw it; the commit's own outcome matters more here.
            }
        }
    }
    [[nodiscard]] bool frozen() const { return static_cast<bool>(m_thaw); }

private:
    std::function<void()> m_thaw;
};

struct WrittenLayer {
    std::optional<store::LayerRecord> record; // nullopt: the container changed nothing
    layer::WriteResult write;
};

WrittenLayer storeLayer(image::ImageStore &store, const layer::ChangeSet &changes, const ContainerFs &fs,
                        const Digest &parentChain, int index)
{
    WrittenLayer out;
    if (changes.empty())
        return out;
    image::TempFile tar(store.layout().tmpDir(), "commit-", 0600);
    {
        auto sink = layer::makeFdSink(tar.fd(), tar.path().string());
        out.write = layer::writeLayer(changes, fs.upper(), *sink);
    }
    tar.close();
    auto source = layer::openFileSource(tar.path());
    image::LayerIngest what;
    what.expectedDiffId = out.write.diffId;
    what.parentChain = parentChain;
    what.index = index;
    what.count = index + 1;
    out.record = store.ingestLayer(*source, what);
    return out;
}

void countKinds(const layer::ChangeSet &changes, CommitResult &result)
{
    for (const auto &c : changes) {
        switch (c.kind) {
        case layer::ChangeKind::Added: ++result.added; break;
        case layer::ChangeKind::Modified: ++result.modified; break;
        case layer::ChangeKind::Deleted: ++result.deleted; break;
        }
    }
}

} // namespace

CommitResult commitContainer(image::ImageStore &store, const CommitSource &source, const CommitOptions &options,
                             events::StepGate &gate)
{
    const ContainerFs &fs = source.fs;
    if (!fs.driver)
        throw Error(ErrorCode::Internal, "container " + fs.id + " has no union driver");
    CommitResult result;
    if (options.repoTag)
        result.tag = image::normaliseTag(*options.repoTag);
    image::Image parent; // a build's FROM scratch: no parent, no layers
    if (!source.imageId.empty())
        parent = store.get(source.imageId);
    else {
        parent.config.architecture = platform::hostArchitecture();
        parent.config.os = platform::hostOs();
    }
    {
        CommitConfigInput check{parent.config, source.config, options.changes};
        (void)commitConfig(check); // a bad -c is refused before the container is touched
    }
    OperationSteps steps(store.bus(), gate, "commit", fs.id, commitPhases());

    FreezeGuard frozen(source, options.pause);
    steps.reached(Freeze, frozen.frozen() ? "yes" : "not running or --pause=false");

    const layer::ChangeSet changes = withoutInitFiles(fs.driver->commitChanges(fs.lowers, fs.dir, fs.mounts));
    countKinds(changes, result);
    steps.reached(Diff, std::to_string(result.added) + " added, " + std::to_string(result.modified) + " changed, " +
                            std::to_string(result.deleted) + " deleted");

    auto held = store.lock();
    image::StoreTransaction transaction(store);
    std::vector<store::LayerRecord> layers =
        source.imageId.empty() ? std::vector<store::LayerRecord>{} : store.layerChain(parent);
    const Digest parentChain = layers.empty() ? Digest{} : layers.back().chainId;
    const WrittenLayer written = storeLayer(store, changes, fs, parentChain, static_cast<int>(layers.size()));
    if (written.record) {
        layers.push_back(*written.record);
        result.diffId = written.record->diffId;
        result.tarSize = written.write.tarSize;
        store.bus().publish(events::EventKind::LayerWritten, result.diffId.str(),
                            {{"added", result.added}, {"modified", result.modified}, {"deleted", result.deleted},
                             {"size", result.tarSize}, {"container", fs.id}});
    }
    steps.reached(WriteLayer, written.record ? result.diffId.str() + " (" + std::to_string(result.tarSize) + " bytes)"
                                             : "no changes: empty layer, history only");

    CommitConfigInput in{parent.config, source.config, options.changes, fs.id, options.author, options.message};
    in.imageConfig = source.imageConfig;
    if (written.record)
        in.diffId = result.diffId;
    result.id = store.registerImage(commitConfig(in).serialize(), layers, {}, source.imageId);
    steps.reached(WriteConfig, result.id.str());

    if (result.tag)
        store.tag(result.id, *result.tag);
    transaction.commit();
    steps.reached(Tag, result.tag.value_or("no name given"));
    store.bus().publish(events::EventKind::ContainerCommitted, fs.id,
                        {{"image", result.id.str()}, {"name", result.tag.value_or("")}, {"comment", options.message},
                         {"author", options.author}, {"diff_id", result.diffId.empty() ? "" : result.diffId.str()},
                         {"size", result.tarSize}, {"empty_layer", !written.record.has_value()}});
    return result;
}

} // namespace strata::engine::container
