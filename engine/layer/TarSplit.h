// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Keeps an uncompressed layer's blob once: the unpacked files hold the file
// data, and a small "tar-split" file next to them holds every other byte of
// the tar (headers, padding, whatever a file's data could not be matched
// to) plus, in stream order, references to the files. The blob is rebuilt
// bit for bit on demand (save, push, check) — Docker's tar-split idea, in
// strata's own format:
//
//   "strata-tar-split 1\n"
//   records: 'R' varint n, n bytes | 'Z' varint n (n zero bytes)
//            | 'F' varint n (the next referenced file's n bytes) | 'E'
//   then: varint count, count × (varint n, n bytes of a path relative to
//   the layer directory: "diff/<real path>" or "tar-split.d/<k>")
//   then: 8 bytes little-endian, the offset of the path table.
//
// The recorder parses tar headers itself and takes a file's data out of the
// split only when libarchive (through the applier) reports the very same
// offset and size for a regular file it writes; anything else stays inline.
// A file the applier later removes or replaces in the same layer is first
// hardlinked to tar-split.d/<k>, so its bytes survive.

#include "engine/layer/ByteStream.h"
#include "engine/layer/PayloadObserver.h"
#include "engine/util/UniqueFd.h"

#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine::layer {

inline constexpr const char *kTarSplitFile = "tar-split";
inline constexpr const char *kTarSplitRescueDir = "tar-split.d";
inline constexpr const char *kLayerDiffDir = "diff";

class TarSplitWriter final : public PayloadObserver {
public:
    // `layerDir` holds diff/ (the tree being unpacked); the split is written
    // to layerDir/tar-split. Throws Io.
    explicit TarSplitWriter(const std::filesystem::path &layerDir);
    ~TarSplitWriter() override;

    // The raw tar bytes, in order, before the applier reads them.
    void consume(const void *data, std::size_t size);
    // After the last byte: writes the path table. Throws Io. Durability is
    // the caller's (the layer's syncfs covers the file).
    void finish();
    [[nodiscard]] std::uint64_t referencedBytes() const { return m_referencedBytes; }

    void fileWriting(std::int64_t offset, std::int64_t size, const std::string &path) override;
    void beforeRemove(int rootFd, const std::string &path) override;

private:
    enum class State { Header, MetaData, Data, Payload, Tail };
    enum class Decision { Pending, Reference, Inline };
    struct Payload {
        std::uint64_t id = 0;
        std::int64_t offset = 0;
        std::int64_t size = 0;
        Decision decision = Decision::Pending;
        std::string bytes; // received while pending (or inline)
    };
    struct Segment {
        char kind = 'R'; // 'R' raw, 'Z' zeros, 'P' payload
        std::string bytes;
        std::uint64_t zeros = 0;
        std::unique_ptr<Payload> payload;
    };

    void takeHeader();
    void takeMeta();
    void appendRaw(const char *p, std::size_t n);
    void appendPayload(const char *p, std::size_t n);
    void dataDone();
    void emitReady();
    void emitRecord(char kind, std::uint64_t n, const char *bytes);
    void flush(bool all);

    std::filesystem::path m_layerDir;
    util::UniqueFd m_fd;
    std::string m_out; // buffered output
    std::uint64_t m_written = 0;

    State m_state = State::Header;
    std::int64_t m_pos = 0;
    char m_block[512];
    std::size_t m_blockFill = 0;
    std::uint64_t m_left = 0; // data bytes left in the current entry
    std::uint64_t m_pad = 0;  // padding after it
    char m_metaType = 0;
    std::string m_meta;
    std::optional<std::int64_t> m_paxSize;
    bool m_paxSparse = false;

    std::deque<Segment> m_queue;
    std::uint64_t m_nextId = 0;
    std::uint64_t m_currentId = 0;         // the payload now being received
    Decision m_currentDecision = Decision::Pending; // once its segment left the queue

    std::vector<std::string> m_paths;                // reference k -> path (relative to the layer dir)
    std::map<std::string, std::size_t> m_live;        // real path in diff/ -> reference k
    std::uint64_t m_referencedBytes = 0;
    bool m_finished = false;
};

// The layer's blob, rebuilt from layerDir/tar-split and the files. Bytes
// are not verified here: callers hash what they read (the blob digest).
// Throws NotFound when the layer has no split, Io/DigestMismatch when a
// file is missing or shorter than recorded.
std::unique_ptr<ByteSource> openTarSplit(const std::filesystem::path &layerDir);

} // namespace strata::engine::layer
