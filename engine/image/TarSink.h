// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Writes archive entries as a deterministic tar: pax-restricted (plain
// ustar headers unless a name needs more), owner 0:0 without names, modes
// 0755/0644/0777, only the mtime given, nothing padded after the end
// marker. The same entries always give the same bytes.

#include "engine/image/ArchiveContents.h"
#include "engine/layer/ArchiveHandles.h"

#include <string>

namespace strata::engine::image {

class TarSink final : public ArchiveSink {
public:
    // Writes to `fd`, which stays owned by the caller; `name` is for errors.
    TarSink(int fd, std::string name);

    void directory(const std::string &path, std::int64_t mtime) override;
    void file(const std::string &path, std::uint64_t size, std::int64_t mtime,
              const std::function<void(layer::ByteSink &)> &produce) override;
    void symlink(const std::string &path, const std::string &target, std::int64_t mtime) override;
    void finish() override;

private:
    void header(const std::string &path, unsigned type, unsigned mode, std::uint64_t size, std::int64_t mtime,
                const std::string &target = {});
    [[noreturn]] void fail(const std::string &what) const;

    layer::ScopedUtf8Locale m_locale; // pax path records are converted through the locale
    layer::WriteArchive m_archive;
    std::string m_name;
};

} // namespace strata::engine::image
