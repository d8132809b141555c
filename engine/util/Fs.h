// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// File-system helpers with the store's durability rules: every write is
// temp file + fsync + rename + fsync of the directory, so a crash leaves the
// old content or the new, never half of either.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace strata::engine::fsutil {

namespace fs = std::filesystem;

// Writes `data` to `target` atomically. The temp file is created in `tmpDir`
// (same file system as `target`) or, when empty, beside `target`.
void writeFileAtomic(const fs::path &target, std::string_view data, const fs::path &tmpDir = {});

// Temp file + rename, without the fsyncs: readers never see half a file,
// but a power loss may lose the write. Only for files that describe this
// boot's live state (a shim's state, the runtime spec of a start, a mount,
// or an `--rm` container's record), which a reboot makes moot anyway; each
// fsync pair costs `run` a few ms. An existing target is exchanged, not
// renamed over (no immediate write-out on ext4; Fs.cpp).
void writeFileReplace(const fs::path &target, std::string_view data, const fs::path &tmpDir = {});

// Reads a whole file; throws NotFound/Io naming the path.
[[nodiscard]] std::string readFile(const fs::path &path);
// The same, but nullopt when there is no such file (no exception to catch
// where a missing file is the usual case).
[[nodiscard]] std::optional<std::string> readFileIfExists(const fs::path &path);

void fsyncPath(const fs::path &path);
void fsyncDir(const fs::path &dir);

// Creates a directory (and parents); ok if it exists.
void makeDirs(const fs::path &dir, unsigned mode = 0755);

// Removes a tree even where directories were left read-only (as layer trees
// may be). Missing is fine.
void removeTree(const fs::path &path);

// A fresh, unique name like "tmp-3f9a1c...": for staging files and dirs.
[[nodiscard]] std::string uniqueName(std::string_view prefix);

// Bytes of the regular files below `dir` (0 when it is missing), as `du -b` sums them.
[[nodiscard]] std::uint64_t treeBytes(const fs::path &dir);

// Renames atomically; throws Io naming both paths.
void renamePath(const fs::path &from, const fs::path &to);

// A directory removed (recursively) when the object dies, unless released.
class TempDir {
public:
    TempDir() = default;
    explicit TempDir(const fs::path &parent, std::string_view prefix = "tmp-");
    ~TempDir();
    TempDir(TempDir &&other) noexcept;
    TempDir &operator=(TempDir &&other) noexcept;
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;

    [[nodiscard]] const fs::path &path() const { return m_path; }
    // Keeps the directory on disk (e.g. after renaming it into place).
    void release() { m_path.clear(); }

private:
    fs::path m_path;
};

} // namespace strata::engine::fsutil
