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
    return "layer entry \"" + rawName + "\"";
}

} // namespace

ApplyResult applyLayer(ByteSource &source, const std::filesystem::path &root, const ApplyOptions &options)
{
    const ScopedUtf8Locale utf8;
    LayerTree tree(root);
    LayerInput input(source);
    TarReader reader(input, options.preserveXattrs);
    EntryWriter writer(tree, options);
    WhiteoutApplier whiteouts(tree, writer, options);
    ProgressReporter progress(options, input);
    ReportingData data(reader, progress);

    TarEntry entry;
    while (reader.next(entry)) {
        withErrorContext(entryContext(entry.name), [&] {
            const std::string name = normaliseEntryName(entry.name);
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
