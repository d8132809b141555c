// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A file tree for the layer explorer, flat in one vector so 100,000 entries
// cost one allocation each and the Qt model can address nodes by index.
// Built on the engine thread from a UnionView: either the merged view
// (nearest layer wins, deleted paths kept as marked ghosts) or one layer's
// own changes.

#include "engine/fs/UnionView.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace strata::gui {

// How a path came to look the way it does. Each mark has a letter and an
// icon; colour only repeats what they say.
enum class Mark : std::uint8_t {
    None,     // from the base layer, untouched since
    Added,    // A: first appears in this layer
    Modified, // M: replaces a lower layer's version (shadows it)
    Whiteout, // D: this layer deletes it (a whiteout marker)
    Deleted,  // D: merged view only: present below, hidden by a whiteout
    Opaque,   // O: directory made opaque: everything below it is hidden
};

[[nodiscard]] char markLetter(Mark m);

struct ExplorerNode {
    std::string name;
    std::string path; // relative, no leading slash
    int parent = -1;
    int row = 0;      // position among the parent's children
    std::vector<int> children;
    engine::fs::EntryType type = engine::fs::EntryType::Dir;
    std::uint64_t size = 0;   // files: bytes; directories: total below
    Mark mark = Mark::None;
    int layer = -1;           // providing layer (bottom = 0)
    std::vector<int> shadowed;
    int byLayer = -1;         // Deleted: the layer whose whiteout hides it
    bool implicit = false;    // a parent directory no layer lists itself
};

class ExplorerTree {
public:
    static ExplorerTree merged(const engine::fs::UnionView &view);
    static ExplorerTree layer(const engine::fs::UnionView &view, int layer);

    [[nodiscard]] const std::vector<ExplorerNode> &nodes() const { return m_nodes; }
    [[nodiscard]] const ExplorerNode &node(int i) const { return m_nodes[static_cast<std::size_t>(i)]; }
    [[nodiscard]] int size() const { return static_cast<int>(m_nodes.size()); }
    // Node index of a path ("" = root), -1 when absent.
    [[nodiscard]] int find(const std::string &path) const;
    // Indices of nodes whose path contains text, in tree order, at most limit.
    [[nodiscard]] std::vector<int> search(const std::string &text, std::size_t limit) const;
    [[nodiscard]] int countMark(Mark m) const;

private:
    ExplorerTree();
    int ensure(const std::string &path); // creates missing parents as implicit dirs
    void finish();                       // sorts children, rows, directory sizes

    std::vector<ExplorerNode> m_nodes;
    std::unordered_map<std::string, int> m_index; // path -> node
};

} // namespace strata::gui
