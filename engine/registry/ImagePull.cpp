// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/registry/ImagePull.h"

#include "engine/Error.h"
#include "engine/image/MediaTypes.h"
#include "engine/image/OciPlatform.h"
#include "engine/image/Reference.h"
#include "engine/image/StoreTransaction.h"
#include "engine/registry/RegistryClient.h"
#include "engine/util/Fs.h"

#include <chrono>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

namespace strata::engine::registry {
namespace {

using image::Reference;

// Docker's default max-concurrent-downloads.
constexpr std::size_t kConcurrentDownloads = 3;

// Serialises the sink: workers and the unpacking thread all report. Layer
// states also go on the event bus (LayerTransfer) for the app's pull scene,
// but only from the pulling thread (the journal and other subscribers
// expect one publisher at a time): workers' events wait for flush().
class Reporter {
public:
    Reporter(const ProgressSink &sink, events::EventBus &bus)
        : m_sink(sink), m_bus(bus), m_owner(std::this_thread::get_id())
    {
    }

    // Publishes what the workers reported; call from the pulling thread.
    void flush()
    {
        std::vector<events::Event> pending;
        {
            std::lock_guard lock(m_mutex);
            pending.swap(m_pending);
        }
        for (const auto &e : pending)
            m_bus.publish(e);
    }

    struct LayerInfo {
        Digest blob;
        int index = 0;
        int count = 0;
        Digest diffId; // so the scene can match a present layer with the store's slab
    };
    void setLayers(std::string ref, std::map<std::string, LayerInfo> layers)
    {
        std::lock_guard lock(m_mutex);
        m_ref = std::move(ref);
        m_layers = std::move(layers);
    }

    // A whole-operation line ("Pulling from …", "Digest: …").
    void say(const std::string &id, const std::string &status)
    {
        std::lock_guard lock(m_mutex);
        if (m_sink)
            m_sink({id, status, 0, 0, false});
    }
    // A layer's state ("Pulling fs layer", "Pull complete"): a progress
    // message without counts, as Docker's progress.Update sends.
    void layer(const std::string &id, const std::string &status) { progress(id, status, 0, 0); }
    void progress(const std::string &id, const std::string &status, std::uint64_t current, std::uint64_t total)
    {
        std::lock_guard lock(m_mutex);
        if (m_sink)
            m_sink({id, status, current, total, true});
        auto it = m_layers.find(id);
        if (it == m_layers.end())
            return;
        events::Event e = events::makeEvent(events::EventKind::LayerTransfer, it->second.blob.str(),
                                            {{"ref", m_ref},
                                             {"layer", id},
                                             {"index", it->second.index},
                                             {"count", it->second.count},
                                             {"status", status},
                                             {"current", current},
                                             {"total", total},
                                             {"diff_id", it->second.diffId.str()}});
        if (std::this_thread::get_id() == m_owner && m_pending.empty())
            m_bus.publish(e);
        else
            m_pending.push_back(std::move(e));
    }

private:
    const ProgressSink &m_sink;
    events::EventBus &m_bus;
    std::mutex m_mutex;
    std::thread::id m_owner;
    std::vector<events::Event> m_pending;
    std::string m_ref;
    std::map<std::string, LayerInfo> m_layers;
};

// "linux/arm64/v8" into an index entry's platform fields.
struct WantedPlatform {
    std::string os, architecture, variant;
    bool explicitlyAsked = false;
};

WantedPlatform parsePlatform(const std::string &text)
{
    WantedPlatform p;
    if (text.empty()) {
        const std::string host = image::hostPlatformString();
        p.os = host.substr(0, host.find('/'));
        p.architecture = host.substr(host.find('/') + 1);
        return p;
    }
    p.explicitlyAsked = true;
    const auto a = text.find('/');
    if (a == std::string::npos || a == 0 || a + 1 == text.size())
        throw Error(ErrorCode::InvalidArgument, "invalid platform \"" + text + "\": use os/arch[/variant]");
    p.os = text.substr(0, a);
    const auto b = text.find('/', a + 1);
    p.architecture = text.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
    if (b != std::string::npos)
        p.variant = text.substr(b + 1);
    return p;
}

std::string field(const image::Json &j, const char *key)
{
    if (!j.is_object())
        return {};
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string platformName(const WantedPlatform &p)
{
    return p.os + "/" + p.architecture + (p.variant.empty() ? "" : "/" + p.variant);
}

const image::Descriptor &choosePlatform(const image::Index &index, const WantedPlatform &wanted)
{
    for (const auto &d : index.manifests) {
        if (!d.platform || image::isAttestationPlatform(*d.platform) || !image::media::isManifest(d.mediaType))
            continue;
        if (field(*d.platform, "os") == wanted.os && field(*d.platform, "architecture") == wanted.architecture &&
            (wanted.variant.empty() || field(*d.platform, "variant") == wanted.variant))
            return d;
    }
    throw Error(ErrorCode::NotFound,
                "no matching manifest for " + platformName(wanted) + " in the manifest list entries");
}

// Counts the compressed bytes the unpacker consumes, for "Extracting".
class CountingSource final : public layer::ByteSource {
public:
    CountingSource(layer::ByteSource &in, std::function<void(std::uint64_t)> onRead)
        : m_in(in), m_onRead(std::move(onRead))
    {
    }
    std::size_t read(void *buffer, std::size_t size) override
    {
        const std::size_t n = m_in.read(buffer, size);
        m_total += n;
        if (m_total - m_reported >= (1u << 20) || n == 0) {
            m_reported = m_total;
            m_onRead(m_total);
        }
        return n;
    }

private:
    layer::ByteSource &m_in;
    std::function<void(std::uint64_t)> m_onRead;
    std::uint64_t m_total = 0;
    std::uint64_t m_reported = 0;
};

struct LayerTask {
    image::Descriptor blob;
    Digest diffId;
    Digest parentChain;
    Digest chainId;
    std::string id;          // Docker's 12-hex layer id (of the blob digest)
    bool present = false;    // "Already exists"
    bool download = false;   // the first task of its blob downloads it
    std::filesystem::path file;
    bool done = false;
    std::exception_ptr error;
};

// Downloads the blobs of `tasks` (those with download set) on up to three
// threads; the caller waits for each with waitFor().
class Downloads {
public:
    Downloads(RegistryClient &client, std::vector<LayerTask> &tasks, Reporter &report)
        : m_client(client), m_tasks(tasks), m_report(report)
    {
        for (std::size_t i = 0; i < tasks.size(); ++i)
            if (tasks[i].download)
                m_queue.push_back(i);
        for (std::size_t k = kConcurrentDownloads; k < m_queue.size(); ++k)
            m_report.layer(tasks[m_queue[k]].id, "Waiting");
        const std::size_t workers = std::min(kConcurrentDownloads, m_queue.size());
        for (std::size_t w = 0; w < workers; ++w)
            m_threads.emplace_back([this] { work(); });
    }
    ~Downloads()
    {
        m_cancel = true;
        for (auto &t : m_threads)
            t.join();
    }

    // Blocks until task `i`'s blob is on disk; rethrows a download's error.
    void waitFor(std::size_t i)
    {
        std::unique_lock lock(m_mutex);
        while (!m_tasks[i].done && !m_firstError) {
            m_changed.wait_for(lock, std::chrono::milliseconds(100));
            lock.unlock();
            m_report.flush(); // the workers' events, published from this thread
            lock.lock();
        }
        if (m_firstError)
            std::rethrow_exception(m_firstError);
    }

private:
    void work()
    {
        for (;;) {
            std::size_t i;
            {
                std::lock_guard lock(m_mutex);
                if (m_next >= m_queue.size() || m_firstError || m_cancel)
                    return;
                i = m_queue[m_next++];
            }
            LayerTask &t = m_tasks[i];
            try {
                const auto total = static_cast<std::uint64_t>(t.blob.size);
                m_report.progress(t.id, "Downloading", 0, total);
                std::uint64_t shown = 0;
                m_client.downloadBlob(
                    t.blob.digest, t.blob.size, t.file,
                    [&](std::uint64_t n) {
                        // Summarised: every 512 KiB and at the end, not per chunk.
                        if (n - shown >= (512u << 10) || n == total) {
                            shown = n;
                            m_report.progress(t.id, "Downloading", n, total);
                        }
                    },
                    m_cancel);
                m_report.layer(t.id, "Verifying Checksum");
                m_report.layer(t.id, "Download complete");
                std::lock_guard lock(m_mutex);
                t.done = true;
            } catch (...) {
                std::lock_guard lock(m_mutex);
                if (!m_firstError)
                    m_firstError = std::current_exception();
                m_cancel = true;
            }
            m_changed.notify_all();
        }
    }

    RegistryClient &m_client;
    std::vector<LayerTask> &m_tasks;
    Reporter &m_report;
    std::vector<std::size_t> m_queue;
    std::size_t m_next = 0;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::exception_ptr m_firstError;
    std::atomic<bool> m_cancel{false};
    std::vector<std::thread> m_threads;
};

// Fetches the manifest for `tagOrDigest`; through an index, the one for
// the wanted platform. Returns {top-level digest, the image manifest}.
std::pair<Digest, FetchedManifest> fetchImageManifest(RegistryClient &client, const std::string &tagOrDigest,
                                                      const WantedPlatform &platform)
{
    FetchedManifest top = client.getManifest(tagOrDigest);
    if (image::media::isIndex(top.mediaType)) {
        const image::Index index = image::Index::parse(top.bytes, "index " + tagOrDigest);
        const image::Descriptor &chosen = choosePlatform(index, platform);
        FetchedManifest m = client.getManifest(chosen.digest.str());
        if (!image::media::isManifest(m.mediaType))
            throw Error(ErrorCode::Unsupported, client.where() + ": manifest " + chosen.digest.str() +
                                                    ": unsupported media type " + m.mediaType);
        return {top.digest, std::move(m)};
    }
    if (!image::media::isManifest(top.mediaType))
        throw Error(ErrorCode::Unsupported, client.where() + ": manifest " + tagOrDigest +
                                                ": unsupported media type \"" + top.mediaType + "\"");
    const Digest digest = top.digest;
    return {digest, std::move(top)};
}

// Pulls one tag or digest; true when a reference was added or moved.
bool pullOne(image::ImageStore &store, RegistryClient &client, const Reference &ref, const WantedPlatform &platform,
             Reporter &report, Digest &digestOut)
{
    const std::string tagOrDigest = ref.digest.empty() ? ref.tag : ref.digest;
    auto [topDigest, fetched] = fetchImageManifest(client, tagOrDigest, platform);
    // After the manifest, as Docker: a registry that cannot serve it says so first.
    report.say(tagOrDigest, "Pulling from " + ref.path());
    digestOut = topDigest;
    const image::Manifest manifest = image::Manifest::parse(fetched.bytes, "manifest " + tagOrDigest);
    for (const auto &l : manifest.layers)
        if (!image::media::isLayer(l.mediaType))
            throw Error(ErrorCode::Unsupported, client.where() + ": manifest " + tagOrDigest +
                                                    ": unsupported layer media type \"" + l.mediaType + "\"");
    const std::string configBytes = client.getBlob(manifest.config.digest);
    const image::ImageConfig config = image::ImageConfig::parse(configBytes, "image config " + manifest.config.digest.str());
    if (config.diffIds.size() != manifest.layers.size())
        throw Error(ErrorCode::InvalidArchive, client.where() + ": manifest " + tagOrDigest + " lists " +
                                                   std::to_string(manifest.layers.size()) + " layers, its config " +
                                                   std::to_string(config.diffIds.size()));
    if (platform.explicitlyAsked && (config.os != platform.os || config.architecture != platform.architecture))
        throw Error(ErrorCode::NotFound, "image with reference " + ref.str() +
                                             " was found but does not match the specified platform: wanted " +
                                             platformName(platform) + ", actual: " + config.os + "/" +
                                             config.architecture);

    image::DeferredSyncScope deferredSync(store); // after the transaction's end: a rollback is synced too
    auto held = store.lock();
    image::StoreTransaction transaction(store);
    const Digest id = Digest::ofBytes(configBytes);
    std::vector<store::LayerRecord> records;
    if (!store.index().find(id)) {
        fsutil::TempDir scratch(store.layout().tmpDir(), "pull-");
        std::vector<LayerTask> tasks;
        std::map<Digest, std::size_t> firstOfBlob;
        std::map<std::string, Reporter::LayerInfo> info;
        for (std::size_t i = 0; i < manifest.layers.size(); ++i)
            info.emplace(manifest.layers[i].digest.shortHex(),
                         Reporter::LayerInfo{manifest.layers[i].digest, static_cast<int>(i),
                                             static_cast<int>(manifest.layers.size()), config.diffIds[i]});
        report.setLayers(ref.str(), std::move(info));
        Digest parent;
        for (std::size_t i = 0; i < manifest.layers.size(); ++i) {
            LayerTask t;
            t.blob = manifest.layers[i];
            t.diffId = config.diffIds[i];
            t.parentChain = parent;
            t.chainId = store::chainIdOf(parent, t.diffId);
            t.id = t.blob.digest.shortHex();
            t.present = store.layers().has(t.chainId);
            auto [it, fresh] = firstOfBlob.emplace(t.blob.digest, i);
            t.download = !t.present && fresh;
            t.file = scratch.path() / t.blob.digest.hex();
            parent = t.chainId;
            report.layer(t.id, t.present ? "Already exists" : "Pulling fs layer");
            tasks.push_back(std::move(t));
        }
        // A blob needed twice but present once: the second needs the download too.
        for (auto &t : tasks)
            if (!t.present && !t.download && tasks[firstOfBlob.at(t.blob.digest)].present)
                t.download = !std::exchange(tasks[firstOfBlob.at(t.blob.digest)].download, true);
        Downloads downloads(client, tasks, report);
        for (std::size_t i = 0; i < tasks.size(); ++i) {
            LayerTask &t = tasks[i];
            if (t.present) {
                records.push_back(store.layers().get(t.chainId));
                continue;
            }
            downloads.waitFor(firstOfBlob.at(t.blob.digest));
            auto file = layer::openFileSource(t.file);
            const auto total = static_cast<std::uint64_t>(t.blob.size);
            CountingSource counted(*file, [&](std::uint64_t n) { report.progress(t.id, "Extracting", n, total); });
            image::LayerIngest what;
            what.mediaType = t.blob.mediaType;
            what.expectedBlob = t.blob.digest;
            what.expectedDiffId = t.diffId;
            what.parentChain = t.parentChain;
            what.index = static_cast<int>(i);
            what.count = static_cast<int>(tasks.size());
            what.deferDurability = true;
            records.push_back(store.ingestLayer(counted, what));
            report.layer(t.id, "Pull complete");
        }
    } else {
        records = store.layerChain(store.get(id));
    }

    bool updated = false;
    std::vector<std::string> tags;
    if (ref.digest.empty()) {
        const std::string tag = ref.familiarName() + ":" + ref.tag;
        const auto before = store.index().resolveTag(tag);
        updated = !before || *before != id;
        tags.push_back(tag);
    }
    store.registerImage(configBytes, records, tags, {}, fetched.bytes);
    const std::string repoDigest = ref.familiarName() + "@" + topDigest.str();
    if (!ref.digest.empty()) {
        const store::ImageIndex index = store.index();
        auto it = index.digestRefs().find(repoDigest);
        updated = it == index.digestRefs().end() || it->second != id;
    }
    store.addRepoDigest(id, repoDigest);
    transaction.commit();
    report.flush();
    store.bus().publish(events::EventKind::ImagePulled, id.str(),
                        {{"name", ref.str()},
                         {"digest", topDigest.str()},
                         {"registry", ref.domain},
                         {"layers", manifest.layers.size()},
                         {"updated", updated}});
    report.say("", "Digest: " + topDigest.str());
    return updated;
}

} // namespace

PullResult pullImage(image::ImageStore &store, const PullRequest &request, const ProgressSink &progress)
{
    const Reference typed = Reference::parse(request.reference, false);
    if (request.allTags && (typed.hasTag() || typed.hasDigest()))
        throw Error(ErrorCode::InvalidArgument, "tag can't be used with --all-tags/-a");
    const WantedPlatform platform = parsePlatform(request.platform);
    Reporter report(progress, store.bus());
    RegistryClient client(typed.domain, typed.path());
    PullResult result;
    const Reference full = Reference::parse(request.reference);
    const std::string shown = request.allTags ? typed.normalisedName() : full.normalisedStr();
    return withErrorContext(shown, [&] {
        std::vector<Reference> refs;
        if (request.allTags) {
            for (const auto &tag : client.listTags()) {
                Reference r = typed;
                r.tag = tag;
                refs.push_back(r);
            }
        } else {
            refs.push_back(full);
        }
        for (const auto &r : refs) {
            Digest digest;
            result.updated = pullOne(store, client, r, platform, report, digest) || result.updated;
            result.digest = digest.str();
        }
        const std::string familiar = request.allTags ? typed.familiarName() : full.str();
        report.say("", std::string(result.updated ? "Status: Downloaded newer image for "
                                                  : "Status: Image is up to date for ") +
                           familiar);
        result.reference = shown;
        return result;
    });
}

} // namespace strata::engine::registry
