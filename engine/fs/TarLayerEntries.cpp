// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/TarLayerEntries.h"

#include "engine/layer/ArchiveHandles.h"
#include "engine/layer/ByteStream.h"
#include "engine/layer/LayerInput.h"
#include "engine/layer/PathResolver.h"
#include "engine/layer/TarReader.h"

namespace strata::engine::fs {

namespace {

EntryType typeOf(layer::EntryType t)
{
    switch (t) {
    case layer::EntryType::Directory:
        return EntryType::Dir;
    case layer::EntryType::Symlink:
        return EntryType::Symlink;
    case layer::EntryType::Fifo:
        return EntryType::Fifo;
    case layer::EntryType::CharDevice:
        return EntryType::Char;
    case layer::EntryType::BlockDevice:
        return EntryType::Block;
    default:
        return EntryType::File;
    }
}

} // namespace

std::map<std::string, TarLayerEntry> readTarLayerEntries(const std::filesystem::path &tar)
{
    const layer::ScopedUtf8Locale utf8; // pax names, as the applier reads them
    auto source = layer::openFileSource(tar);
    layer::LayerInput input(*source);
    layer::TarReader reader(input, false);
    std::map<std::string, TarLayerEntry> out;
    layer::TarEntry h;
    while (reader.next(h)) { // the reader skips the data nobody asked for
        TarLayerEntry e;
        e.type = typeOf(h.type);
        e.mode = h.mode & 07777;
        e.uid = static_cast<unsigned>(h.uid);
        e.gid = static_cast<unsigned>(h.gid);
        e.mtime = h.mtime.tv_sec;
        if (h.type == layer::EntryType::Hardlink) {
            e.hardlink = true;
            e.link = layer::normaliseEntryName(h.link);
            // The inode is the target's: its type, mode and size (as on disk).
            if (const auto target = out.find(e.link); target != out.end() && !target->second.hardlink) {
                e.type = target->second.type;
                e.mode = target->second.mode;
                e.size = target->second.size;
                e.uid = target->second.uid;
                e.gid = target->second.gid;
                e.mtime = target->second.mtime;
            }
        } else if (h.type == layer::EntryType::Symlink) {
            e.link = h.link;
            e.size = h.link.size();
        } else if (h.type == layer::EntryType::File) {
            e.size = static_cast<std::uint64_t>(h.size);
        }
        out[layer::normaliseEntryName(h.name)] = std::move(e);
    }
    return out;
}

std::uint64_t contentBytesOf(const std::map<std::string, TarLayerEntry> &entries)
{
    std::uint64_t bytes = 0;
    for (const auto &[path, e] : entries)
        if (e.type == EntryType::File && !e.hardlink)
            bytes += e.size;
    return bytes;
}

} // namespace strata::engine::fs
