// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Writes archive entries into a directory (an OCI layout saved as oci-dir):
// every file fsynced, then every directory, so that the rename that
// publishes the directory publishes complete contents.

#include "engine/image/ArchiveContents.h"

#include <filesystem>
#include <vector>

namespace strata::engine::image {

class DirSink final : public ArchiveSink {
public:
    // `root` must exist and be empty.
    explicit DirSink(std::filesystem::path root);

    void directory(const std::string &path, std::int64_t mtime) override;
    void file(const std::string &path, std::uint64_t size, std::int64_t mtime,
              const std::function<void(layer::ByteSink &)> &produce) override;
    void symlink(const std::string &path, const std::string &target, std::int64_t mtime) override;
    void finish() override;

private:
    std::filesystem::path m_root;
    std::vector<std::filesystem::path> m_dirs; // to fsync at the end, deepest first
};

} // namespace strata::engine::image
