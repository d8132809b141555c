// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Turns what the user handed to `load` into something the archive views can
// read twice: an OCI layout directory as it is; a regular uncompressed tar
// file as it is (no copy: the benchmark compares us with bsdtar); anything
// else - stdin, a gzip/zstd/bzip2/xz compressed archive, as `docker load`
// accepts - spooled (and decompressed on the way) to a temporary file in the
// store's tmp dir, removed again when the PreparedInput dies.

#include <filesystem>
#include <string>

namespace strata::engine::image {

// A file that is unlinked when the object dies (unless empty).
class TempFile {
public:
    TempFile() = default;
    // Creates an empty file named "<prefix><random>" in `dir`.
    TempFile(const std::filesystem::path &dir, const std::string &prefix, unsigned mode = 0600);
    ~TempFile();
    TempFile(TempFile &&other) noexcept;
    TempFile &operator=(TempFile &&other) noexcept;
    TempFile(const TempFile &) = delete;
    TempFile &operator=(const TempFile &) = delete;

    [[nodiscard]] const std::filesystem::path &path() const { return m_path; }
    // The open descriptor for writing; owned by this object until close().
    [[nodiscard]] int fd() const { return m_fd; }
    // fsync is not needed: the file never outlives the operation.
    void close();
    // Forgets the file (it was renamed into place): the destructor leaves it.
    void release() { m_path.clear(); }

private:
    std::filesystem::path m_path;
    int m_fd = -1;
};

struct PreparedInput {
    std::filesystem::path path; // an OCI layout directory or an uncompressed tar file
    bool directory = false;
    TempFile spool;             // owns `path` when it is a temporary copy
};

// `input` is a file, a directory or "-" (stdin). Throws NotFound for a
// missing path, InvalidArchive for an empty input or a corrupt compressed
// stream, Io.
[[nodiscard]] PreparedInput prepareInput(const std::filesystem::path &input, const std::filesystem::path &tmpDir);

} // namespace strata::engine::image
