// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The image index, images.json: which images the store holds (by image id =
// config digest, with the manifest that lists their layers) and which names
// point at them. One file, replaced atomically, so an image and its tags
// appear and disappear together. Callers hold the StoreLock around
// load-modify-save.

#include "engine/util/Digest.h"
#include "engine/util/Time.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine::store {

struct ImageRecord {
    Digest id;         // config digest (Docker's image ID)
    Digest manifest;   // manifest blob digest
    Digest parent;     // image this one was committed/built from; empty if none
    timeutil::TimePoint added{};
};

class ImageIndex {
public:
    // Reads images.json (missing = empty); InvalidArchive if it is corrupt.
    static ImageIndex load(const std::filesystem::path &file);
    // Atomic replace.
    void save(const std::filesystem::path &file, const std::filesystem::path &tmpDir) const;

    [[nodiscard]] const std::map<Digest, ImageRecord> &images() const { return m_images; }
    // "repo:tag" (familiar form) -> image id.
    [[nodiscard]] const std::map<std::string, Digest> &tags() const { return m_tags; }

    [[nodiscard]] const ImageRecord *find(const Digest &id) const;
    [[nodiscard]] std::optional<Digest> resolveTag(const std::string &repoTag) const;
    [[nodiscard]] std::vector<std::string> tagsOf(const Digest &id) const;
    // Digest references, "repo@sha256:<manifest>" -> image id: recorded only
    // where a registry (pull, push) gave the image that digest.
    [[nodiscard]] const std::map<std::string, Digest> &digestRefs() const { return m_digests; }
    [[nodiscard]] std::vector<std::string> digestRefsOf(const Digest &id) const;
    void setDigestRef(const std::string &repoDigest, const Digest &id);
    bool removeDigestRef(const std::string &repoDigest);

    void putImage(const ImageRecord &record);
    void removeImage(const Digest &id);
    // Points `repoTag` at `id`; returns the image it pointed at before, if any.
    std::optional<Digest> setTag(const std::string &repoTag, const Digest &id);
    bool removeTag(const std::string &repoTag);

    // Records load() skipped as unreadable, one line each.
    [[nodiscard]] const std::vector<std::string> &damaged() const { return m_damaged; }

private:
    std::vector<std::string> m_damaged;
    std::map<Digest, ImageRecord> m_images;
    std::map<std::string, Digest> m_tags;
    std::map<std::string, Digest> m_digests;
};

} // namespace strata::engine::store
