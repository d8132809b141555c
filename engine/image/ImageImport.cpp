// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/ImageImport.h"

#include "engine/Error.h"
#include "engine/image/ImageChanges.h"
#include "engine/image/PeekSource.h"
#include "engine/image/RawDecompressSource.h"
#include "engine/image/StoreTransaction.h"
#include "engine/layer/Compression.h"
#include "engine/layer/LayerApplier.h"
#include "engine/util/Platform.h"

#include <memory>

namespace strata::engine::image {
namespace {

// The stream ingestLayer should read: the input itself when the layer
// applier decodes it (tar, gzip, zstd), else a libarchive decompressor.
std::unique_ptr<RawDecompressSource> decoderFor(PeekSource &input, const std::string &name)
{
    const std::string &head = input.head();
    if (head.empty())
        throw Error(ErrorCode::InvalidArchive, "empty input: not a tar archive");
    if (layer::looksLikeTarHeader(head.data(), head.size()) ||
        layer::detectCompression(head.data(), head.size()) != layer::Compression::None)
        return nullptr;
    const layer::ForeignFormat f = layer::detectForeignFormat(head.data(), head.size());
    if (f.name.empty())
        return nullptr; // the tar reader names what is wrong
    if (!f.compression)
        throw Error(ErrorCode::Unsupported, "unsupported format: " + std::string(f.name) + " (import takes a tar)");
    return std::make_unique<RawDecompressSource>(input, name);
}

std::string importConfig(const Digest &diffId, const Json &containerConfig, const std::string &comment)
{
    ImageConfig config;
    config.created = timeutil::formatRfc3339Nano(timeutil::now());
    config.architecture = platform::hostArchitecture();
    config.os = platform::hostOs();
    config.config = containerConfig;
    config.diffIds = {diffId};
    config.history = {HistoryEntry{config.created, "", "", comment, false}};
    config.extra["comment"] = comment; // V1Image.Comment, as Docker writes it
    return config.serialize();
}

} // namespace

ImportResult importTarball(ImageStore &store, const std::filesystem::path &input, const std::optional<std::string> &repoTag,
                           const ImportOptions &options)
{
    // Everything the user typed is checked before a byte is read.
    ImportResult result;
    if (repoTag)
        result.tag = normaliseTag(*repoTag);
    Json containerConfig = Json::object();
    applyChanges(containerConfig, options.changes);
    const std::string comment =
        !options.message.empty() ? options.message
                                 : "Imported from " + (options.sourceLabel.empty() ? std::string("-") : options.sourceLabel);

    const std::string name = input == "-" ? std::string("stdin") : input.string();
    withErrorContext(name, [&] {
        DeferredSyncScope deferredSync(store); // after the transaction's end: a rollback is synced too
        auto held = store.lock();
        StoreTransaction transaction(store);
        auto file = layer::openFileSource(input);
        PeekSource peek(*file, layer::kSniffSize);
        auto decoder = decoderFor(peek, name);
        layer::ByteSource &source = decoder ? static_cast<layer::ByteSource &>(*decoder) : peek;
        LayerIngest what;
        what.deferDurability = true;
        const store::LayerRecord layer = store.ingestLayer(source, what);
        std::vector<std::string> tags;
        if (result.tag)
            tags.push_back(*result.tag);
        result.id = store.registerImage(importConfig(layer.diffId, containerConfig, comment), {layer}, tags);
        store.bus().publish(events::EventKind::ImageImported, result.id.str(),
                            {{"name", result.tag.value_or("")}, {"source", name}});
        transaction.commit();
    });
    return result;
}

} // namespace strata::engine::image
