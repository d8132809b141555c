// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/ExplorerTree.h"

#include <algorithm>

namespace strata::gui {

using engine::fs::EntryType;
using engine::layer::ChangeKind;

char markLetter(Mark m)
{
    switch (m) {
    case Mark::Added: return 'A';
    case Mark::Modified: return 'C'; // Docker's `diff` letter (changed), as the lessons say
    case Mark::Whiteout:
    case Mark::Deleted: return 'D';
    case Mark::Opaque: return 'O';
    case Mark::None: break;
    }
    return ' ';
}

ExplorerTree::ExplorerTree()
{
    ExplorerNode root;
    root.name = "/";
    m_nodes.push_back(root);
    m_index.emplace("", 0);
}

int ExplorerTree::ensure(const std::string &path)
{
    if (auto it = m_index.find(path); it != m_index.end())
        return it->second;
    const auto slash = path.rfind('/');
    const int parent = slash == std::string::npos ? 0 : ensure(path.substr(0, slash));
    ExplorerNode n;
    n.name = slash == std::string::npos ? path : path.substr(slash + 1);
    n.path = path;
    n.parent = parent;
    n.implicit = true;
    const int id = static_cast<int>(m_nodes.size());
    m_nodes.push_back(std::move(n));
    m_nodes[static_cast<std::size_t>(parent)].children.push_back(id);
    m_index.emplace(path, id);
    return id;
}

void ExplorerTree::finish()
{
    // Children: directories first, then by name, as file managers show them.
    for (auto &n : m_nodes) {
        std::sort(n.children.begin(), n.children.end(), [this](int a, int b) {
            const auto &x = m_nodes[static_cast<std::size_t>(a)];
            const auto &y = m_nodes[static_cast<std::size_t>(b)];
            const bool dx = x.type == EntryType::Dir, dy = y.type == EntryType::Dir;
            return dx != dy ? dx : x.name < y.name;
        });
        for (std::size_t r = 0; r < n.children.size(); ++r)
            m_nodes[static_cast<std::size_t>(n.children[r])].row = static_cast<int>(r);
    }
    // Directory sizes: children always come after their parent in the vector.
    for (std::size_t i = m_nodes.size(); i-- > 1;) {
        const auto &n = m_nodes[i];
        if (n.mark == Mark::Deleted || n.mark == Mark::Whiteout)
            continue;
        m_nodes[static_cast<std::size_t>(n.parent)].size += n.size;
    }
}

ExplorerTree ExplorerTree::merged(const engine::fs::UnionView &view)
{
    ExplorerTree t;
    // Opaque directories per path, from every layer's changes.
    std::unordered_map<std::string, int> opaqueBy;
    std::unordered_map<std::string, int> deletedBy;
    for (std::size_t l = 0; l < view.changes().size(); ++l) {
        for (const auto &c : view.changes()[l]) {
            if (c.change.opaque)
                opaqueBy[c.change.path] = static_cast<int>(l);
            if (c.change.kind == ChangeKind::Deleted)
                deletedBy[c.change.path] = static_cast<int>(l);
        }
    }
    for (const auto &[path, e] : view.merged()) {
        const int id = t.ensure(path);
        auto &n = t.m_nodes[static_cast<std::size_t>(id)];
        n.implicit = false;
        n.type = e.type;
        n.size = e.type == EntryType::Dir ? 0 : e.size;
        n.layer = e.layer;
        n.shadowed = e.shadowed;
        if (auto o = opaqueBy.find(path); o != opaqueBy.end() && o->second == e.layer)
            n.mark = Mark::Opaque;
        else if (!e.shadowed.empty())
            n.mark = Mark::Modified;
        else if (e.layer > 0)
            n.mark = Mark::Added;
    }
    // Ghosts: paths some layer holds that the merged view hides.
    for (const auto &[path, versions] : view.versions()) {
        if (view.merged().count(path) || versions.empty())
            continue;
        const auto slash = path.rfind('/');
        const std::string parent = slash == std::string::npos ? "" : path.substr(0, slash);
        if (!parent.empty() && !view.merged().count(parent) && !t.m_index.count(parent))
            continue; // the whole directory is gone: show only its top
        const int id = t.ensure(path);
        auto &n = t.m_nodes[static_cast<std::size_t>(id)];
        n.implicit = false;
        n.type = versions.back().type;
        n.size = versions.back().type == EntryType::Dir ? 0 : versions.back().size;
        n.layer = versions.back().layer;
        n.mark = Mark::Deleted;
        if (auto d = deletedBy.find(path); d != deletedBy.end())
            n.byLayer = d->second;
        else // hidden by an opaque directory above it
            for (std::string p = parent; !p.empty();) {
                if (auto o = opaqueBy.find(p); o != opaqueBy.end()) {
                    n.byLayer = o->second;
                    break;
                }
                const auto s = p.rfind('/');
                p = s == std::string::npos ? std::string() : p.substr(0, s);
            }
    }
    t.finish();
    return t;
}

ExplorerTree ExplorerTree::layer(const engine::fs::UnionView &view, int layer)
{
    ExplorerTree t;
    if (layer < 0 || static_cast<std::size_t>(layer) >= view.changes().size())
        return t;
    for (const auto &c : view.changes()[static_cast<std::size_t>(layer)]) {
        const int id = t.ensure(c.change.path);
        auto &n = t.m_nodes[static_cast<std::size_t>(id)];
        n.implicit = false;
        n.type = c.type;
        n.size = c.type == EntryType::Dir ? 0 : c.size;
        n.layer = layer;
        switch (c.change.kind) {
        case ChangeKind::Added: n.mark = Mark::Added; break;
        case ChangeKind::Modified: n.mark = Mark::Modified; break;
        case ChangeKind::Deleted: n.mark = Mark::Whiteout; break;
        }
        if (c.change.opaque)
            n.mark = Mark::Opaque;
        if (auto v = view.versions().find(c.change.path); v != view.versions().end())
            for (const auto &e : v->second)
                if (e.layer < layer)
                    n.shadowed.push_back(e.layer);
    }
    t.finish();
    return t;
}

int ExplorerTree::find(const std::string &path) const
{
    const auto it = m_index.find(path);
    return it == m_index.end() ? -1 : it->second;
}

std::vector<int> ExplorerTree::search(const std::string &text, std::size_t limit) const
{
    std::vector<int> out;
    for (std::size_t i = 1; i < m_nodes.size() && out.size() < limit; ++i)
        if (m_nodes[i].path.find(text) != std::string::npos)
            out.push_back(static_cast<int>(i));
    return out;
}

int ExplorerTree::countMark(Mark m) const
{
    return static_cast<int>(std::count_if(m_nodes.begin(), m_nodes.end(), [m](const auto &n) { return n.mark == m; }));
}

} // namespace strata::gui
