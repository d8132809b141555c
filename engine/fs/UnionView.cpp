// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/UnionView.h"

#include "engine/fs/LayerScan.h"
#include "engine/fs/MarkersBelowSymlink.h"
#include "engine/fs/TarLayerEntries.h"
#include "engine/util/Digest.h"
#include "engine/util/UniqueFd.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <iterator>
#include <map>
#include <set>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace strata::engine::fs {
namespace {

using layer::ChangeKind;

bool isUnder(const std::string &path, const std::string &dir)
{
    return dir.empty() || (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 && path[dir.size()] == '/');
}

std::string join(const std::string &dir, const std::string &name)
{
    return dir.empty() ? name : dir + "/" + name;
}

// `dir / name` as filesystem::path spells it, built as a plain string.
std::string childPath(const std::string &dir, const std::string &name)
{
    std::string out;
    out.reserve(dir.size() + 1 + name.size());
    out = dir;
    if (!out.empty() && out.back() != '/')
        out += '/';
    return out += name;
}


} // namespace

// Applies one layer at a time on top of the merged map, recording each
// layer's changes as it goes.
class UnionView::Builder {
public:
    Builder(UnionView &view, ViewContents contents) : m_view(view), m_full(contents == ViewContents::Full) {}

    void addLayer(int index, const LayerDir &layer)
    {
        m_index = index;
        m_layer = layer;
        m_inodeGroups.clear();
        m_view.m_changes.emplace_back();
        if (layer.tar.empty()) {
            m_scan = layer.scanCache.empty() ? scanLayer(layer.dir, layer.whiteouts)
                                             : loadOrScanLayer(layer.dir, layer.whiteouts, layer.scanCache);
            if (m_full)
                m_view.m_changes.back().reserve(m_scan.nodes.size()); // about one change per path
            walk(0, layer.dir.native(), "");
        } else
            walkTar(readTarLayerEntries(layer.tar));
        sortChanges(m_view.m_changes.back());
    }

private:
    // One directory of the layer's scan (the disk as it was read) applied
    // at `rel` of the union; `abs` is where it is on disk.
    void walk(std::uint32_t dir, const std::string &abs, const std::string &rel)
    {
        const LayerScanNode &d = m_scan.nodes[dir];
        const bool opaque = d.flags & LayerScanNode::Opaque;
        if (opaque && rel.empty())
            eraseSubtree(rel); // an opaque root: nothing of the layers below stays (no change line for "/")
        else if (opaque)
            hideBelow(rel);
        const std::uint32_t end = d.firstChild + d.childCount;
        for (std::uint32_t i = d.firstChild; i < end; ++i) { // whiteouts first: they act on the layers below only
            const std::string_view name = m_scan.name(m_scan.nodes[i]);
            if (layer::isWhiteoutName(name))
                whiteout(join(rel, std::string(layer::whitedOutName(name))));
        }
        for (std::uint32_t i = d.firstChild; i < end; ++i) {
            if (m_scan.nodes[i].flags & LayerScanNode::Marker)
                continue;
            const std::string name(m_scan.name(m_scan.nodes[i]));
            visit(i, childPath(abs, name), join(rel, name));
        }
    }

    // The same effects as walk() for a layer known by its tar headers: the
    // opaque markers and whiteouts act on the layers below before any of this
    // layer's own entries land (as walk() does directory by directory), then
    // the entries in path order, parents before children.
    void walkTar(const std::map<std::string, TarLayerEntry> &entries)
    {
        auto base = [](const std::string &path) { return path.substr(path.rfind('/') + 1); };
        auto parent = [](const std::string &path) {
            const auto slash = path.rfind('/');
            return slash == std::string::npos ? std::string() : path.substr(0, slash);
        };
        for (const auto &[path, e] : entries) {
            if (!layer::isOpaqueMarker(base(path)))
                continue;
            if (parent(path).empty())
                eraseSubtree("");
            else
                hideBelow(parent(path));
        }
        for (const auto &[path, e] : entries)
            if (layer::isWhiteoutName(base(path)))
                whiteout(join(parent(path), std::string(layer::whitedOutName(base(path)))));
        // Hardlinks: one group per target inode, as st_nlink > 1 gives on disk.
        std::map<std::string, int> groups;
        for (const auto &[path, e] : entries)
            if (e.hardlink) {
                auto [it, inserted] = groups.try_emplace(e.link, m_nextGroup);
                if (inserted)
                    ++m_nextGroup;
                groups[path] = it->second;
            }
        std::set<std::string> dirs; // directories seen: implied parents get made once
        for (const auto &[path, e] : entries) {
            const std::string name = base(path);
            if (path.empty() || layer::isOpaqueMarker(name) || layer::isWhiteoutName(name))
                continue;
            for (std::string dir = parent(path); !dir.empty() && !dirs.count(dir) && !entries.count(dir);
                 dir = parent(dir)) {
                TarLayerEntry implied; // as the applier makes a missing parent
                implied.type = EntryType::Dir;
                implied.mode = 0755;
                dirs.insert(dir);
                visitEntry(dir, implied, -1);
            }
            if (e.type == EntryType::Dir)
                dirs.insert(path);
            const auto g = groups.find(path);
            visitEntry(path, e, g == groups.end() ? -1 : g->second);
        }
    }

    void visitEntry(const std::string &rel, const TarLayerEntry &t, int linkGroup)
    {
        TreeEntry e;
        e.path = rel;
        e.type = t.type;
        e.mode = t.mode;
        e.size = t.size;
        e.uid = t.uid;
        e.gid = t.gid;
        e.mtime = t.mtime;
        e.layer = m_index;
        e.linkGroup = e.type == EntryType::Dir ? -1 : linkGroup;
        e.source = childPath(m_layer.dir.native(), rel);
        if (e.type == EntryType::Symlink)
            e.target = t.link;
        place(rel, std::move(e));
    }

    // One version of `rel` from this layer lands on the merged view.
    void place(const std::string &rel, TreeEntry e)
    {
        auto existing = slotFor(m_view.m_merged, rel); // also the insertion hint
        const bool replaces = existing != m_view.m_merged.end() && existing->first == rel;
        if (replaces) {
            e.shadowed = existing->second.shadowed;
            e.shadowed.push_back(existing->second.layer);
            if (existing->second.type == EntryType::Dir && e.type != EntryType::Dir)
                eraseSubtree(rel);
        }
        record(rel, replaces ? ChangeKind::Modified : ChangeKind::Added, false, e.type, e.size);
        if (!m_full) {
            if (replaces)
                existing->second = std::move(e);
            else
                m_view.m_merged.emplace_hint(existing, rel, std::move(e));
            return;
        }
        auto versions = slotFor(m_view.m_versions, rel);
        if (versions == m_view.m_versions.end() || versions->first != rel)
            versions = m_view.m_versions.emplace_hint(versions, rel, std::vector<TreeEntry>{});
        versions->second.push_back(e); // one copy (an initializer list would make two)
        if (replaces)
            existing->second = std::move(e);
        else
            m_view.m_merged.emplace_hint(existing, rel, std::move(e));
    }

    // Where `key` is or goes in `map`: end() when it sorts after every key.
    // A layer's walk comes nearly in path order, so that one comparison
    // mostly replaces a lookup's seventeen in 100,000 paths.
    template <class Map>
    static typename Map::iterator slotFor(Map &map, const std::string &key)
    {
        if (map.empty() || std::prev(map.end())->first < key)
            return map.end();
        return map.lower_bound(key);
    }

    void visit(std::uint32_t index, std::string abs, const std::string &rel)
    {
        const LayerScanNode &n = m_scan.nodes[index];
        if (n.error != 0) {
            m_view.m_problems.push_back(rel + ": " + std::strerror(n.error));
            return;
        }
        if (m_layer.whiteouts == layer::WhiteoutFormat::OverlayDevices && (n.flags & LayerScanNode::WhiteoutDevice)) {
            whiteout(rel);
            return;
        }
        const bool dir = S_ISDIR(n.mode);
        if (dir && (n.flags & LayerScanNode::OnlyMarkers)) {
            auto existing = m_view.m_merged.find(rel);
            if (existing != m_view.m_merged.end() && existing->second.type == EntryType::Symlink) {
                // Markers below a symlinked directory act at its target; the link stays (MarkersBelowSymlink.h).
                if (const auto target = resolveDirInUnion(m_view.m_merged, rel))
                    walk(index, abs, *target);
                return;
            }
        }
        if (!dir) {
            place(rel, entryFrom(n, std::move(abs), rel));
            return;
        }
        place(rel, entryFrom(n, abs, rel));
        walk(index, abs, rel);
    }

    TreeEntry entryFrom(const LayerScanNode &n, std::string abs, const std::string &rel)
    {
        TreeEntry e;
        e.path = rel;
        e.type = entryTypeOf(n.mode);
        e.mode = n.mode & 07777;
        e.uid = n.uid;
        e.gid = n.gid;
        e.mtime = n.mtime;
        e.layer = m_index;
        e.source = std::move(abs);
        if (e.type == EntryType::File)
            e.size = n.size;
        if (e.type == EntryType::Symlink) {
            e.target = m_scan.target(n);
            e.size = e.target.size();
        }
        if (e.type != EntryType::Dir && n.linkId >= 0) {
            auto [it, inserted] = m_inodeGroups.try_emplace(n.linkId, m_nextGroup);
            if (inserted)
                ++m_nextGroup;
            e.linkGroup = it->second;
        }
        return e;
    }

    // `.wh.NAME`: NAME and everything under it disappear from the view.
    void whiteout(const std::string &rel)
    {
        auto it = m_view.m_merged.find(rel);
        const EntryType type = it != m_view.m_merged.end() ? it->second.type : EntryType::File;
        const std::uint64_t size = it != m_view.m_merged.end() ? it->second.size : 0;
        eraseSubtree(rel);
        if (it != m_view.m_merged.end())
            m_view.m_merged.erase(it);
        record(rel, ChangeKind::Deleted, false, type, size);
    }

    // An opaque directory: everything the lower layers had under it is hidden.
    void hideBelow(const std::string &dir)
    {
        eraseSubtree(dir);
        record(dir, m_view.m_merged.count(dir) ? ChangeKind::Modified : ChangeKind::Added, true, EntryType::Dir, 0);
    }

    void eraseSubtree(const std::string &dir)
    {
        // The root's subtree is everything ("/" would skip names sorting before it, like ".profile").
        auto it = dir.empty() ? m_view.m_merged.begin() : m_view.m_merged.lower_bound(dir + "/");
        while (it != m_view.m_merged.end() && isUnder(it->first, dir))
            it = m_view.m_merged.erase(it);
    }

    void record(const std::string &path, ChangeKind kind, bool opaque, EntryType type, std::uint64_t size)
    {
        if (m_full)
            m_view.m_changes.back().push_back({{path, kind, opaque}, type, size});
    }

    // Sorted by path; a path recorded twice (an opaque marker and the
    // directory entry itself describe one change) keeps its first record,
    // opaque when either was. Merging after the sort spares a hash map of
    // every path.
    static void sortChanges(std::vector<LayerChangeEntry> &c)
    {
        const auto byPath = [](const auto &a, const auto &b) { return a.change.path < b.change.path; };
        if (!std::is_sorted(c.begin(), c.end(), byPath)) // a walk's records mostly come sorted already
            std::stable_sort(c.begin(), c.end(), byPath);
        std::size_t out = 0;
        for (std::size_t i = 0; i < c.size(); ++i) {
            if (out > 0 && c[out - 1].change.path == c[i].change.path) {
                c[out - 1].change.opaque = c[out - 1].change.opaque || c[i].change.opaque;
                continue;
            }
            if (out != i)
                c[out] = std::move(c[i]);
            ++out;
        }
        c.resize(out);
    }

    UnionView &m_view;
    bool m_full = true; // versions and changes too (ViewContents::Full)
    int m_index = 0;
    LayerDir m_layer;
    LayerScan m_scan;
    std::map<std::int32_t, int> m_inodeGroups; // LayerScanNode::linkId -> group
    int m_nextGroup = 0;
};

bool hasOpaqueRoot(const LayerDir &layer)
{
    struct stat st {};
    if (::lstat((layer.dir / std::string(layer::kOpaqueMarker)).c_str(), &st) == 0)
        return true;
    return layer.whiteouts == layer::WhiteoutFormat::OverlayDevices && hasOverlayOpaqueXattr(layer.dir.native());
}

UnionView UnionView::build(const std::vector<LayerDir> &layers, ViewContents contents)
{
    UnionView view;
    Builder builder(view, contents);
    for (std::size_t i = 0; i < layers.size(); ++i)
        builder.addLayer(static_cast<int>(i), layers[i]);
    return view;
}

std::uint64_t UnionView::wastedBytes() const
{
    std::uint64_t wasted = 0;
    for (const auto &[path, versions] : m_versions) {
        auto winner = m_merged.find(path);
        for (const auto &v : versions) {
            const bool wins = winner != m_merged.end() && winner->second.layer == v.layer;
            if (!wins && v.type == EntryType::File)
                wasted += v.size;
        }
    }
    return wasted;
}

std::string fileSha256Hex(const std::filesystem::path &path)
{
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {};
    Sha256 h;
    char buf[1 << 16];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0)
        h.update(buf, static_cast<std::size_t>(n));
    ::close(fd);
    return h.finish().hex();
}

} // namespace strata::engine::fs
