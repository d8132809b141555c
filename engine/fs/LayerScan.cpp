// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/LayerScan.h"

#include "engine/Error.h"
#include "engine/fs/DirNames.h"
#include "engine/util/Fs.h"
#include "engine/util/UniqueFd.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <map>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <type_traits>
#include <unistd.h>

namespace strata::engine::fs {
namespace {

static_assert(std::is_trivially_copyable_v<LayerScanNode>);

// The kept file: this header, the nodes as they are in memory, the text.
// Written and read by the same build on the same machine; any other header
// (an older layout, another whiteout format) means: scan again.
constexpr std::string_view kMagic = "strata-layer-scan 1\n";
struct FileHeader {
    char magic[20];
    std::uint32_t nodeSize;
    std::uint32_t whiteouts;
    std::uint64_t nodes;
    std::uint64_t textSize;
};
static_assert(sizeof FileHeader::magic == kMagic.size());

std::string readLinkAt(int dirFd, const char *name, const struct stat &st)
{
    std::string target(static_cast<std::size_t>(st.st_size > 0 ? st.st_size : 63) + 1, '\0');
    for (;;) {
        const ssize_t n = ::readlinkat(dirFd, name, target.data(), target.size());
        if (n < 0)
            return {};
        if (static_cast<std::size_t>(n) < target.size()) { // not truncated
            target.resize(static_cast<std::size_t>(n));
            return target;
        }
        target.resize(target.size() * 2);
    }
}


class Scanner {
public:
    Scanner(LayerScan &scan) : m_scan(scan) {}

    void scanDir(std::uint32_t index, const std::string &abs)
    {
        const bool overlay = m_scan.whiteouts == layer::WhiteoutFormat::OverlayDevices;
        // Names are stat'ed relative to the open directory: one path lookup
        // per directory instead of one per name.
        const util::UniqueFd dirFd(::open(abs.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        bool listed = false;
        const std::vector<std::string> names = dirFd ? listNamesAt(dirFd.get(), &listed) : std::vector<std::string>{};
        if (overlay && hasOverlayOpaqueXattr(abs))
            m_scan.nodes[index].flags |= LayerScanNode::Opaque;
        if (!listed) {
            m_scan.nodes[index].flags |= LayerScanNode::Unreadable;
            m_scan.complete = false;
            return;
        }
        const auto first = static_cast<std::uint32_t>(m_scan.nodes.size());
        m_scan.nodes[index].firstChild = first;
        m_scan.nodes[index].childCount = static_cast<std::uint32_t>(names.size());
        bool onlyMarkers = true;
        for (const auto &name : names) {
            LayerScanNode n;
            std::tie(n.name, n.nameLength) = addText(name);
            if (layer::isOpaqueMarker(name) || layer::isWhiteoutName(name)) {
                n.flags |= LayerScanNode::Marker;
                if (layer::isOpaqueMarker(name))
                    m_scan.nodes[index].flags |= LayerScanNode::Opaque;
            } else {
                stat(dirFd.get(), name, n);
                const bool device = (n.flags & LayerScanNode::WhiteoutDevice) && overlay;
                if (!device && (n.error != 0 || !S_ISDIR(n.mode)))
                    onlyMarkers = false;
            }
            m_scan.nodes.push_back(n);
        }
        for (std::uint32_t i = first; i < first + names.size(); ++i) {
            if (m_scan.nodes[i].error != 0 || !S_ISDIR(m_scan.nodes[i].mode) ||
                (m_scan.nodes[i].flags & LayerScanNode::Marker))
                continue;
            std::string child = abs;
            if (!child.empty() && child.back() != '/')
                child += '/';
            child += names[i - first];
            scanDir(i, child);
            if (!(m_scan.nodes[i].flags & LayerScanNode::OnlyMarkers))
                onlyMarkers = false;
        }
        if (onlyMarkers)
            m_scan.nodes[index].flags |= LayerScanNode::OnlyMarkers;
    }

private:
    void stat(int dirFd, const std::string &name, LayerScanNode &n)
    {
        struct stat st {};
        if (::fstatat(dirFd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
            n.error = errno;
            m_scan.complete = false;
            return;
        }
        n.mode = st.st_mode;
        n.uid = st.st_uid;
        n.gid = st.st_gid;
        n.mtime = st.st_mtim.tv_sec;
        n.size = static_cast<std::uint64_t>(st.st_size);
        if (S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0))
            n.flags |= LayerScanNode::WhiteoutDevice;
        if (S_ISLNK(st.st_mode))
            std::tie(n.target, n.targetLength) = addText(readLinkAt(dirFd, name.c_str(), st));
        if (!S_ISDIR(st.st_mode) && st.st_nlink > 1) {
            const auto [it, inserted] =
                m_inodes.try_emplace({st.st_dev, st.st_ino}, static_cast<std::int32_t>(m_inodes.size()));
            n.linkId = it->second;
        }
    }

    std::pair<std::uint32_t, std::uint32_t> addText(std::string_view s)
    {
        if (m_scan.text.size() + s.size() > std::numeric_limits<std::uint32_t>::max())
            throw Error(ErrorCode::Io, "layer scan: names too long"); // 4 GiB of names: not a layer
        const auto at = static_cast<std::uint32_t>(m_scan.text.size());
        m_scan.text += s;
        return {at, static_cast<std::uint32_t>(s.size())};
    }

    LayerScan &m_scan;
    std::map<std::pair<dev_t, ino_t>, std::int32_t> m_inodes;
};

// Reads exactly `size` bytes at `offset`; false on a short or failed read.
bool readAt(int fd, void *buffer, std::size_t size, std::uint64_t offset)
{
    auto *p = static_cast<char *>(buffer);
    while (size > 0) {
        const ssize_t n = ::pread(fd, p, size, static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        size -= static_cast<std::size_t>(n);
        offset += static_cast<std::uint64_t>(n);
    }
    return true;
}

// The nodes and the text are read straight where they stay (no copy of
// the file in between: at 100,000 paths it is 7 MB).
std::optional<LayerScan> readKept(const std::filesystem::path &cache, layer::WhiteoutFormat whiteouts)
{
    const util::UniqueFd fd(::open(cache.c_str(), O_RDONLY | O_CLOEXEC));
    struct stat st {};
    if (!fd || ::fstat(fd.get(), &st) != 0)
        return std::nullopt; // not kept yet
    const auto size = static_cast<std::uint64_t>(st.st_size);
    FileHeader h {};
    if (size < sizeof h || !readAt(fd.get(), &h, sizeof h, 0))
        return std::nullopt;
    if (std::string_view(h.magic, sizeof h.magic) != kMagic || h.nodeSize != sizeof(LayerScanNode) ||
        h.whiteouts != static_cast<std::uint32_t>(whiteouts) || h.nodes == 0 ||
        h.nodes > (size - sizeof h) / sizeof(LayerScanNode) ||
        size != sizeof h + h.nodes * sizeof(LayerScanNode) + h.textSize)
        return std::nullopt;
    LayerScan scan;
    scan.whiteouts = whiteouts;
    scan.nodes.resize(h.nodes);
    scan.text.resize(h.textSize);
    const std::uint64_t nodeBytes = h.nodes * sizeof(LayerScanNode);
    if (!readAt(fd.get(), scan.nodes.data(), nodeBytes, sizeof h) ||
        !readAt(fd.get(), scan.text.data(), h.textSize, sizeof h + nodeBytes))
        return std::nullopt;
    for (const auto &n : scan.nodes) // never index outside what was read
        if (std::uint64_t(n.name) + n.nameLength > scan.text.size() ||
            std::uint64_t(n.target) + n.targetLength > scan.text.size() ||
            std::uint64_t(n.firstChild) + n.childCount > scan.nodes.size())
            return std::nullopt;
    return scan;
}

void keep(const LayerScan &scan, const std::filesystem::path &cache)
{
    FileHeader h {};
    std::memcpy(h.magic, kMagic.data(), kMagic.size());
    h.nodeSize = sizeof(LayerScanNode);
    h.whiteouts = static_cast<std::uint32_t>(scan.whiteouts);
    h.nodes = scan.nodes.size();
    h.textSize = scan.text.size();
    std::string data(reinterpret_cast<const char *>(&h), sizeof h);
    data.append(reinterpret_cast<const char *>(scan.nodes.data()), scan.nodes.size() * sizeof(LayerScanNode));
    data += scan.text;
    try {
        fsutil::writeFileAtomic(cache, data);
    } catch (const Error &) {
        // A read-only store, a layer removed meanwhile: the next view scans again.
    }
}

} // namespace

bool hasOverlayOpaqueXattr(const std::string &dir)
{
    char v[4] = {};
    const ssize_t n = ::lgetxattr(dir.c_str(), std::string(layer::kOverlayOpaqueXattr).c_str(), v, sizeof v);
    return n == 1 && v[0] == 'y';
}

LayerScan scanLayer(const std::filesystem::path &dir, layer::WhiteoutFormat whiteouts)
{
    LayerScan scan;
    scan.whiteouts = whiteouts;
    LayerScanNode root;
    root.mode = S_IFDIR;
    scan.nodes.push_back(root);
    Scanner(scan).scanDir(0, dir.native());
    return scan;
}

LayerScan loadOrScanLayer(const std::filesystem::path &dir, layer::WhiteoutFormat whiteouts,
                          const std::filesystem::path &cache)
{
    if (auto kept = readKept(cache, whiteouts))
        return std::move(*kept);
    LayerScan scan = scanLayer(dir, whiteouts);
    if (scan.complete)
        keep(scan, cache);
    return scan;
}

} // namespace strata::engine::fs
