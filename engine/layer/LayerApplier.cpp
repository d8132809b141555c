// SPDX-License-Identifier: GPL-3.0-or-later
// applyLayer: the named steps of one pass over a layer blob — open the input
// (detect and decode), read tar headers, make each name safe, apply whiteouts
// or create the entry, report progress in bulk, then fix directory times and
// drain the stream so the digests cover every byte.
#include "engine/layer/LayerApplier.h"

#include "engine/Error.h"
#include "engine/layer/ArchiveHandles.h"
#include "engine/layer/EntryWriter.h"
#include "engine/layer/LayerInput.h"
#include "engine/layer/LayerTree.h"
#include "engine/layer/PathResolver.h"
#include "engine/layer/TarReader.h"
#include "engine/layer/WhiteoutApplier.h"

#include <algorithm>
#include <chrono>

namespace strata::engine::layer {
namespace {

// Progress in bulk (DESIGN.md: 10,000 files must not become 10,000 events):
// every 1000 entries or 50 ms, whichever comes first.
class ProgressReporter {
public:
    using Clock = std::chrono::steady_clock;
    static constexpr std::uint64_t kEveryEntries = 1000;
    static constexpr auto kEvery = std::chrono::milliseconds(50);

    ProgressReporter(const ApplyOptions &options, const LayerInput &input) : m_options(options), m_input(input) {}

    void entryDone()
    {
        ++m_progress.entries;
        if (m_progress.entries - m_reportedEntries >= kEveryEntries || Clock::now() - m_last >= kEvery)
            report();
    }
    void dataBlock()
    {
        if (Clock::now() - m_last >= kEvery)
            report();
    }
    void report()
    {
        m_last = Clock::now();
        m_reportedEntries = m_progress.entries;
        m_progress.bytes = m_input.tarSize();
        if (m_options.onProgress)
            m_options.onProgress(m_progress);
    }
    [[nodiscard]] std::uint64_t entries() const { return m_progress.entries; }

private:
    const ApplyOptions &m_options;
    const LayerInput &m_input;
    ApplyProgress m_progress;
    std::uint64_t m_reportedEntries = 0;
    Clock::time_point m_last = Clock::now();
};

// File data as the entry writer pulls it, ticking progress for big files.
class ReportingData final : public DataReader {
public:
    ReportingData(TarReader &reader, ProgressReporter &progress) : m_reader(reader), m_progress(progress) {}
    bool nextBlock(const void *&data, std::size_t &size, std::int64_t &offset) override
    {
        m_progress.dataBlock();
        return m_reader.nextBlock(data, size, offset);
    }

private:
    TarReader &m_reader;
    ProgressReporter &m_progress;
};

std::string entryContext(const std::string &rawName)
{
    // A hostile name can be megabytes long: the message keeps its start.
    constexpr std::size_t kShown = 200;
    if (rawName.size() > kShown)
        return "layer entry \"" + rawName.substr(0, kShown) + "...\" (" + std::to_string(rawName.size()) + " bytes)";
    return "layer entry \"" + rawName + "\"";
}

// The per-entry caps of ReadLimits, before anything touches the disk.
void checkEntryCaps(const TarEntry &entry, const std::string &name, const ReadLimits &limits)
{
    if (entry.name.size() > limits.maxNameBytes)
        capExceeded("a name of " + std::to_string(entry.name.size()) + " bytes", limits.maxNameBytes,
                    "STRATA_LAYER_MAX_NAME");
    if (entry.link.size() > limits.maxNameBytes)
        capExceeded("a link target of " + std::to_string(entry.link.size()) + " bytes", limits.maxNameBytes,
                    "STRATA_LAYER_MAX_NAME");
    const std::size_t depth = name.empty() ? 0 : 1 + static_cast<std::size_t>(std::count(name.begin(), name.end(), '/'));
    if (depth > limits.maxDepth)
        capExceeded("a path " + std::to_string(depth) + " directories deep", limits.maxDepth, "STRATA_LAYER_MAX_DEPTH");
    if (entry.size < 0 || static_cast<std::uint64_t>(entry.size) > limits.maxFileSize)
        capExceeded("a file of " + std::to_string(entry.size) + " bytes", limits.maxFileSize,
                    "STRATA_LAYER_MAX_FILE_SIZE");
}

} // namespace

ApplyResult applyLayer(ByteSource &source, const std::filesystem::path &root, const ApplyOptions &options)
{
    const ScopedUtf8Locale utf8;
    LayerTree tree(root);
    tree.setObserver(options.payloads);
    LayerInput input(source, options.limits.maxTarBytes);
    TarReader reader(input, options.preserveXattrs);
    EntryWriter writer(tree, options);
    WhiteoutApplier whiteouts(tree, writer, options);
    ProgressReporter progress(options, input);
    ReportingData data(reader, progress);

    TarEntry entry;
    while (reader.next(entry)) {
        if (progress.entries() >= options.limits.maxEntries)
            capExceeded("the layer's entry count", options.limits.maxEntries, "STRATA_LAYER_MAX_ENTRIES");
        withErrorContext(entryContext(entry.name), [&] {
            if (entry.name.size() > options.limits.maxNameBytes) // before normalising a huge name
                checkEntryCaps(entry, {}, options.limits);
            const std::string name = normaliseEntryName(entry.name);
            checkEntryCaps(entry, name, options.limits);
            if (!whiteouts.apply(entry, name))
                writer.write(entry, name, data);
        });
        progress.entryDone();
    }
    writer.finish();
    input.drain();
    progress.report();

    ApplyResult result;
    result.blobDigest = input.blobDigest();
    result.diffId = input.diffId();
    result.blobSize = input.blobSize();
    result.tarSize = input.tarSize();
    result.entries = progress.entries();
    result.contentBytes = writer.contentBytes();
    result.whiteouts = whiteouts.whiteouts();
    result.opaques = whiteouts.opaques();
    result.compression = input.compression();
    return result;
}

} // namespace strata::engine::layer
