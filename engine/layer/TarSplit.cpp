// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/layer/TarSplit.h"

#include "engine/Error.h"
#include "engine/layer/FsAt.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::engine::layer {
namespace {

constexpr std::string_view kMagic = "strata-tar-split 1\n";
constexpr std::size_t kBlock = 512;
constexpr std::size_t kFlushAt = 1 << 20;
constexpr std::size_t kMaxMeta = 1 << 20; // a pax header bigger than this is not parsed
constexpr std::size_t kZeroRun = 32;      // shorter zero runs stay inside raw records

void putVarint(std::string &out, std::uint64_t v)
{
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

std::uint64_t padOf(std::uint64_t size)
{
    return (kBlock - size % kBlock) % kBlock;
}

// Octal (space/NUL terminated) or base-256 (high bit set), as tar writes sizes.
std::optional<std::int64_t> headerNumber(const char *field, std::size_t len)
{
    const auto *u = reinterpret_cast<const unsigned char *>(field);
    if (u[0] & 0x80) {
        if (u[0] & 0x40)
            return std::nullopt; // negative
        std::uint64_t v = u[0] & 0x3f;
        for (std::size_t i = 1; i < len; ++i) {
            if (v >> 55)
                return std::nullopt;
            v = (v << 8) | u[i];
        }
        return static_cast<std::int64_t>(v);
    }
    std::size_t i = 0;
    while (i < len && (field[i] == ' ' || field[i] == '\0'))
        ++i;
    std::uint64_t v = 0;
    bool any = false;
    for (; i < len && field[i] >= '0' && field[i] <= '7'; ++i) {
        if (v >> 60)
            return std::nullopt;
        v = v * 8 + static_cast<std::uint64_t>(field[i] - '0');
        any = true;
    }
    for (; i < len; ++i)
        if (field[i] != ' ' && field[i] != '\0')
            return std::nullopt;
    return any ? std::optional<std::int64_t>(static_cast<std::int64_t>(v)) : std::optional<std::int64_t>(0);
}

bool checksumOk(const char *block)
{
    const auto stored = headerNumber(block + 148, 8);
    if (!stored)
        return false;
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < kBlock; ++i)
        sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(block[i]);
    return sum == *stored;
}

// Calls f(key, value) for each "len key=value\n" record of a pax header.
template <typename F>
void forEachPaxRecord(std::string_view meta, F &&f)
{
    while (!meta.empty()) {
        const std::size_t space = meta.find(' ');
        if (space == std::string_view::npos || space == 0)
            return;
        std::size_t len = 0;
        for (std::size_t i = 0; i < space; ++i) {
            if (meta[i] < '0' || meta[i] > '9' || len > meta.size())
                return;
            len = len * 10 + static_cast<std::size_t>(meta[i] - '0');
        }
        if (len <= space + 1 || len > meta.size())
            return;
        std::string_view record = meta.substr(space + 1, len - space - 1);
        if (!record.empty() && record.back() == '\n')
            record.remove_suffix(1);
        const std::size_t eq = record.find('=');
        if (eq != std::string_view::npos)
            f(record.substr(0, eq), record.substr(eq + 1));
        meta.remove_prefix(len);
    }
}

} // namespace

TarSplitWriter::TarSplitWriter(const std::filesystem::path &layerDir)
    : m_layerDir(layerDir),
      m_fd(::open((layerDir / kTarSplitFile).c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600))
{
    if (!m_fd.valid())
        throwErrno("create " + (layerDir / kTarSplitFile).string());
    m_out.append(kMagic);
}

TarSplitWriter::~TarSplitWriter() = default;

void TarSplitWriter::consume(const void *data, std::size_t size)
{
    const char *p = static_cast<const char *>(data);
    while (size > 0) {
        std::size_t take = size;
        switch (m_state) {
        case State::Tail: appendRaw(p, take); break;
        case State::Header:
            take = std::min(kBlock - m_blockFill, size);
            std::memcpy(m_block + m_blockFill, p, take);
            m_blockFill += take;
            break;
        case State::MetaData:
        case State::Data:
        case State::Payload:
            take = static_cast<std::size_t>(std::min<std::uint64_t>(m_left, size));
            if (m_state == State::Payload) {
                appendPayload(p, take);
            } else {
                if (m_state == State::MetaData && m_meta.size() + take <= kMaxMeta)
                    m_meta.append(p, take);
                else if (m_state == State::MetaData)
                    m_paxSparse = true; // unparsed: the next entry stays inline
                appendRaw(p, take);
            }
            m_left -= take;
            break;
        }
        p += take;
        size -= take;
        m_pos += static_cast<std::int64_t>(take);
        if (m_state == State::Header && m_blockFill == kBlock) {
            m_blockFill = 0;
            takeHeader();
        } else if ((m_state == State::MetaData || m_state == State::Data || m_state == State::Payload) && m_left == 0) {
            if (m_state == State::MetaData)
                takeMeta();
            dataDone();
        }
    }
    emitReady();
}

void TarSplitWriter::takeHeader()
{
    appendRaw(m_block, kBlock);
    // The end-of-archive marker, a damaged header or a kind we do not follow:
    // everything after it stays inline (libarchive decides what it means).
    const bool zero = std::all_of(m_block, m_block + kBlock, [](char c) { return c == 0; });
    const auto headerSize = zero ? std::nullopt : headerNumber(m_block + 124, 12);
    if (zero || !headerSize || !checksumOk(m_block)) {
        m_state = State::Tail;
        return;
    }
    const char type = m_block[156];
    std::int64_t size = *headerSize;
    m_pad = padOf(static_cast<std::uint64_t>(size));
    switch (type) {
    case 'x':
    case 'g':
        m_metaType = type;
        m_meta.clear();
        m_left = static_cast<std::uint64_t>(size);
        m_state = State::MetaData;
        break;
    case 'L':
    case 'K':
        m_left = static_cast<std::uint64_t>(size);
        m_state = State::Data;
        break;
    case 'S':
    case 'M':
    case 'V':
        m_state = State::Tail;
        return;
    default: {
        size = m_paxSize.value_or(size);
        m_pad = padOf(static_cast<std::uint64_t>(size));
        const bool regular = type == '0' || type == '\0' || type == '7';
        const bool sparse = m_paxSparse;
        m_paxSize.reset();
        m_paxSparse = false;
        m_left = static_cast<std::uint64_t>(size);
        if (regular && !sparse && size > 0) {
            Segment s;
            s.kind = 'P';
            s.payload = std::make_unique<Payload>();
            s.payload->id = m_currentId = ++m_nextId;
            s.payload->offset = m_pos;
            s.payload->size = size;
            m_currentDecision = Decision::Pending;
            m_queue.push_back(std::move(s));
            m_state = State::Payload;
        } else {
            m_state = State::Data;
        }
    }
    }
    if (m_left == 0) {
        if (m_state == State::MetaData)
            takeMeta();
        dataDone();
    }
}

void TarSplitWriter::takeMeta()
{
    bool follow = true;
    forEachPaxRecord(m_meta, [&](std::string_view key, std::string_view value) {
        const bool sizeKey = key == "size";
        if (key.starts_with("GNU.sparse") || (sizeKey && m_metaType == 'g'))
            follow = false;
        if (sizeKey && m_metaType == 'x') {
            const auto v = headerNumber(value.data(), value.size());
            if (v)
                m_paxSize = *v;
            else
                follow = false;
        }
    });
    if (!follow && m_metaType == 'g')
        m_state = State::Tail;
    else if (!follow)
        m_paxSparse = true;
    m_meta.clear();
}

void TarSplitWriter::dataDone()
{
    if (m_state == State::Tail)
        return;
    if (m_pad > 0) {
        // Padding is part of the entry: back to Data with no more payload.
        m_left = std::exchange(m_pad, 0);
        m_state = State::Data;
        return;
    }
    m_state = State::Header;
}

void TarSplitWriter::appendRaw(const char *p, std::size_t n)
{
    auto addRaw = [&](const char *b, std::size_t len) {
        if (len == 0)
            return;
        if (m_queue.empty() || m_queue.back().kind != 'R')
            m_queue.push_back(Segment{});
        m_queue.back().bytes.append(b, len);
    };
    std::size_t i = 0;
    std::size_t rawStart = 0;
    while (i < n) {
        if (p[i] != 0) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < n && p[j] == 0)
            ++j;
        if (j - i >= kZeroRun) {
            addRaw(p + rawStart, i - rawStart);
            if (m_queue.empty() || m_queue.back().kind != 'Z')
                m_queue.push_back(Segment{'Z', {}, 0, nullptr});
            m_queue.back().zeros += j - i;
            rawStart = j;
        }
        i = j;
    }
    addRaw(p + rawStart, n - rawStart);
}

void TarSplitWriter::appendPayload(const char *p, std::size_t n)
{
    if (!m_queue.empty() && m_queue.back().kind == 'P' && m_queue.back().payload->id == m_currentId) {
        Payload &pl = *m_queue.back().payload;
        if (pl.decision != Decision::Reference)
            pl.bytes.append(p, n);
        return;
    }
    if (m_currentDecision == Decision::Inline)
        appendRaw(p, n);
    // Reference: the bytes are in the file.
}

void TarSplitWriter::fileWriting(std::int64_t offset, std::int64_t size, const std::string &path)
{
    for (Segment &s : m_queue) {
        if (s.kind != 'P' || s.payload->decision != Decision::Pending)
            continue;
        Payload &pl = *s.payload;
        if (pl.offset > offset)
            break;
        if (pl.offset < offset || pl.size != size) {
            pl.decision = Decision::Inline;
            continue;
        }
        pl.decision = Decision::Reference;
        pl.bytes.clear();
        pl.bytes.shrink_to_fit();
        m_live[path] = m_paths.size();
        m_paths.push_back(std::string(kLayerDiffDir) + "/" + path);
        m_referencedBytes += static_cast<std::uint64_t>(size);
        break;
    }
    emitReady();
}

void TarSplitWriter::beforeRemove(int rootFd, const std::string &path)
{
    auto rescue = [&](std::map<std::string, std::size_t>::iterator it) {
        const std::filesystem::path dir = m_layerDir / kTarSplitRescueDir;
        if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
            throwErrno("create " + dir.string());
        const std::string name = std::to_string(it->second);
        if (::linkat(rootFd, it->first.c_str(), AT_FDCWD, (dir / name).c_str(), 0) != 0)
            throwErrno("keep the data of \"" + it->first + "\" for the layer's tar-split");
        m_paths[it->second] = std::string(kTarSplitRescueDir) + "/" + name;
        return m_live.erase(it);
    };
    if (auto it = m_live.find(path); it != m_live.end())
        rescue(it);
    const std::string prefix = path + "/";
    for (auto it = m_live.lower_bound(prefix); it != m_live.end() && it->first.starts_with(prefix);)
        it = rescue(it);
}

void TarSplitWriter::emitReady()
{
    while (!m_queue.empty()) {
        Segment &s = m_queue.front();
        if (s.kind == 'R') {
            emitRecord('R', s.bytes.size(), s.bytes.data());
        } else if (s.kind == 'Z') {
            emitRecord('Z', s.zeros, nullptr);
        } else {
            Payload &pl = *s.payload;
            if (pl.decision == Decision::Pending)
                break;
            if (pl.decision == Decision::Reference)
                emitRecord('F', static_cast<std::uint64_t>(pl.size), nullptr);
            else if (!pl.bytes.empty())
                emitRecord('R', pl.bytes.size(), pl.bytes.data());
            if (pl.id == m_currentId)
                m_currentDecision = pl.decision;
        }
        m_queue.pop_front();
    }
    flush(false);
}

void TarSplitWriter::emitRecord(char kind, std::uint64_t n, const char *bytes)
{
    m_out.push_back(kind);
    putVarint(m_out, n);
    if (bytes)
        m_out.append(bytes, n);
}

void TarSplitWriter::flush(bool all)
{
    if (m_out.size() < kFlushAt && !all)
        return;
    const char *p = m_out.data();
    std::size_t left = m_out.size();
    while (left > 0) {
        const ssize_t n = ::write(m_fd.get(), p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throwErrno("write " + (m_layerDir / kTarSplitFile).string());
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    m_written += m_out.size();
    m_out.clear();
}

void TarSplitWriter::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    for (Segment &s : m_queue)
        if (s.kind == 'P' && s.payload->decision == Decision::Pending)
            s.payload->decision = Decision::Inline;
    emitReady();
    m_out.push_back('E');
    const std::uint64_t table = m_written + m_out.size();
    putVarint(m_out, m_paths.size());
    for (const auto &p : m_paths) {
        putVarint(m_out, p.size());
        m_out.append(p);
    }
    for (int i = 0; i < 8; ++i)
        m_out.push_back(static_cast<char>((table >> (8 * i)) & 0xff));
    flush(true);
}

namespace {

class TarSplitSource final : public ByteSource {
public:
    explicit TarSplitSource(const std::filesystem::path &layerDir) : m_where(layerDir / kTarSplitFile)
    {
        m_dir.reset(::open(layerDir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
        if (!m_dir.valid())
            throwErrno("open " + layerDir.string());
        m_fd.reset(::openat(m_dir.get(), kTarSplitFile, O_RDONLY | O_CLOEXEC));
        if (!m_fd.valid()) {
            if (errno == ENOENT)
                throw Error(ErrorCode::NotFound, m_where.string() + " is missing");
            throwErrno("open " + m_where.string());
        }
        struct stat st {};
        if (::fstat(m_fd.get(), &st) != 0)
            throwErrno("stat " + m_where.string());
        const auto size = static_cast<std::uint64_t>(st.st_size);
        unsigned char trailer[8];
        if (size < kMagic.size() + 9 || ::pread(m_fd.get(), trailer, 8, static_cast<off_t>(size - 8)) != 8)
            damaged("too short");
        std::uint64_t table = 0;
        for (int i = 7; i >= 0; --i)
            table = (table << 8) | trailer[i];
        if (table < kMagic.size() || table > size - 8)
            damaged("bad path table offset");
        std::string t(size - 8 - table, '\0');
        if (::pread(m_fd.get(), t.data(), t.size(), static_cast<off_t>(table)) != static_cast<ssize_t>(t.size()))
            damaged("unreadable path table");
        std::size_t at = 0;
        const std::uint64_t count = varintIn(t, at);
        for (std::uint64_t k = 0; k < count; ++k) {
            const std::uint64_t n = varintIn(t, at);
            if (n > t.size() - at)
                damaged("bad path table");
            m_paths.emplace_back(t.substr(at, n));
            at += n;
        }
        m_recordsEnd = table;
        std::string magic(kMagic.size(), '\0');
        fill(magic.data(), magic.size());
        if (magic != kMagic)
            damaged("not a tar-split file");
    }

    std::size_t read(void *buffer, std::size_t size) override
    {
        char *out = static_cast<char *>(buffer);
        std::size_t done = 0;
        while (done < size) {
            if (m_left == 0) {
                if (m_ended)
                    break;
                nextRecord();
                continue;
            }
            const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(m_left, size - done));
            std::size_t got = want;
            if (m_kind == 'R')
                fill(out + done, want);
            else if (m_kind == 'Z')
                std::memset(out + done, 0, want);
            else
                got = fromFile(out + done, want);
            done += got;
            m_left -= got;
            if (m_kind == 'F' && m_left == 0)
                m_file.reset();
        }
        return done;
    }

private:
    [[noreturn]] void damaged(const std::string &why) const
    {
        throw Error(ErrorCode::DigestMismatch, m_where.string() + " is damaged: " + why);
    }

    static std::uint64_t varintIn(const std::string &s, std::size_t &at)
    {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64 && at < s.size(); shift += 7) {
            const auto b = static_cast<unsigned char>(s[at++]);
            v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
            if (!(b & 0x80))
                return v;
        }
        throw Error(ErrorCode::DigestMismatch, "tar-split: bad number");
    }

    // Buffered sequential reads of the record area.
    void fill(char *dst, std::size_t n)
    {
        while (n > 0) {
            if (m_bufPos == m_bufLen) {
                const std::uint64_t left = m_recordsEnd - m_offset;
                const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(m_buf.size(), left));
                if (want == 0)
                    damaged("records run past their end");
                const ssize_t got = ::pread(m_fd.get(), m_buf.data(), want, static_cast<off_t>(m_offset));
                if (got <= 0)
                    throwErrno("read " + m_where.string());
                m_offset += static_cast<std::uint64_t>(got);
                m_bufPos = 0;
                m_bufLen = static_cast<std::size_t>(got);
            }
            const std::size_t take = std::min(n, m_bufLen - m_bufPos);
            std::memcpy(dst, m_buf.data() + m_bufPos, take);
            m_bufPos += take;
            dst += take;
            n -= take;
        }
    }

    std::uint64_t varint()
    {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            char c = 0;
            fill(&c, 1);
            const auto b = static_cast<unsigned char>(c);
            v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
            if (!(b & 0x80))
                return v;
        }
        damaged("bad number");
    }

    void nextRecord()
    {
        char kind = 0;
        fill(&kind, 1);
        if (kind == 'E') {
            m_ended = true;
            return;
        }
        if (kind != 'R' && kind != 'Z' && kind != 'F')
            damaged("unknown record");
        m_kind = kind;
        m_left = varint();
        if (kind == 'F') {
            if (m_nextPath >= m_paths.size())
                damaged("more file records than paths");
            const std::string &path = m_paths[m_nextPath++];
            m_file.reset(openBeneath(m_dir.get(), path, O_RDONLY | O_CLOEXEC));
            if (!m_file.valid())
                throw Error(ErrorCode::DigestMismatch,
                            "layer file " + path + " is missing (" + std::strerror(errno) + "): the layer was changed");
            m_filePath = path;
        }
    }

    std::size_t fromFile(char *dst, std::size_t n)
    {
        for (;;) {
            const ssize_t got = ::read(m_file.get(), dst, n);
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0)
                throwErrno("read layer file " + m_filePath);
            if (got == 0)
                throw Error(ErrorCode::DigestMismatch,
                            "layer file " + m_filePath + " is shorter than recorded: the layer was changed");
            return static_cast<std::size_t>(got);
        }
    }

    std::filesystem::path m_where;
    UniqueFd m_dir;
    UniqueFd m_fd;
    std::vector<std::string> m_paths;
    std::size_t m_nextPath = 0;
    std::uint64_t m_recordsEnd = 0;
    std::uint64_t m_offset = 0;
    std::vector<char> m_buf = std::vector<char>(1 << 20);
    std::size_t m_bufPos = 0;
    std::size_t m_bufLen = 0;
    char m_kind = 0;
    std::uint64_t m_left = 0;
    bool m_ended = false;
    UniqueFd m_file;
    std::string m_filePath;
};

} // namespace

std::unique_ptr<ByteSource> openTarSplit(const std::filesystem::path &layerDir)
{
    return std::make_unique<TarSplitSource>(layerDir);
}

} // namespace strata::engine::layer
