// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the format readers (DockerArchive, OciLayout) see of an image
// archive: a set of named entries, whether they came from a tar file or an
// OCI layout directory. Small documents (JSON) are read whole; layers are
// streamed, each once, in the order cheapest for the medium (archive order
// for a tar), so a load never copies the archive to disk first.
//
// Links between entries (Docker writes "<id>/layer.tar" as a symlink to an
// earlier layer.tar for a repeated layer; podman links every "<id>/layer.tar"
// to "<diff-id>.tar") are followed inside the archive only.

#include "engine/image/TarFileReader.h"
#include "engine/layer/ByteStream.h"

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace strata::engine::image {

// Upper bound for one JSON document (manifest.json, index.json, a config).
inline constexpr std::size_t kMaxDocumentSize = 64u << 20;

class ArchiveView {
public:
    using StreamFn = std::function<void(const std::string &path, layer::ByteSource &data)>;

    explicit ArchiveView(std::string displayName) : m_name(std::move(displayName)) {}
    virtual ~ArchiveView() = default;
    ArchiveView(const ArchiveView &) = delete;
    ArchiveView &operator=(const ArchiveView &) = delete;

    // The input as the user named it, for messages.
    [[nodiscard]] const std::string &name() const { return m_name; }
    [[nodiscard]] const std::map<std::string, ArchiveEntryInfo> &entries() const { return m_entries; }

    // Follows symlinks and hard links to the regular entry holding the bytes;
    // nullopt when the path (or a link's target) is missing or not a file.
    // Throws UnsafePath for a link that leaves the archive and InvalidArchive
    // for a link loop.
    [[nodiscard]] std::optional<ArchiveEntryInfo> resolve(const std::string &path) const;
    // Reads a small document whole; InvalidArchive "<path>: missing from the
    // archive" when absent.
    [[nodiscard]] std::string read(const std::string &path, std::size_t limit = kMaxDocumentSize);
    // Calls fn once for each listed (resolved) entry, with its data.
    virtual void stream(const std::set<std::string> &paths, const StreamFn &fn) = 0;

protected:
    virtual std::string readEntry(const ArchiveEntryInfo &entry, std::size_t limit) = 0;

    std::map<std::string, ArchiveEntryInfo> m_entries; // by normalised path; the last of duplicates wins

private:
    std::string m_name;
};

} // namespace strata::engine::image
