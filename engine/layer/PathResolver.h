// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Entry names made safe, and the directories they land in resolved inside
// the layer root the way a chroot would: symlinks are followed one component
// at a time, absolute targets start again at the root, and a ".." above the
// root is an escape, refused (continuity's RootPath clamps it instead; we
// refuse, since no honest layer needs it). Compare containerd
// pkg/archive/tar.go applyNaive and umoci's SecureJoinVFS use in
// oci/layer/tar_extract.go.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace strata::engine::layer {

// "./a//b/" -> "a/b"; "." and "./" -> "" (the root). Throws UnsafePath for
// absolute names and for any ".." component.
[[nodiscard]] std::string normaliseEntryName(std::string_view raw);

class PathResolver {
public:
    // Symlinks followed while resolving one path, as Linux's MAXSYMLINKS.
    static constexpr int kMaxSymlinks = 40;

    explicit PathResolver(int rootFd) : m_rootFd(rootFd) {}

    // The real directory that the normalised path `dir` names inside the root
    // ("" = the root), with every component a real directory. Missing
    // components are created (0755, as tar does for implied parents) when
    // `create`, else the answer is nullopt (also when a component is a file).
    // Throws UnsafePath when a symlink leads outside the root or loops,
    // Conflict when creating under a component that is a file.
    std::optional<std::string> resolveDir(std::string_view dir, bool create);

    // Records that the normalised path `dir` is the real directory `real`.
    void noteDirectory(const std::string &dir, const std::string &real) { m_cache[dir] = real; }
    // Forgets every resolution; call after a directory or symlink was removed.
    void invalidate() { m_cache.clear(); }

private:
    std::optional<std::string> step(const std::string &dir, std::string_view name, bool create, int &budget);
    std::optional<std::string> follow(const std::string &dir, const std::string &link, bool create, int &budget);

    int m_rootFd;
    std::unordered_map<std::string, std::string> m_cache; // normalised dir -> real dir
};

} // namespace strata::engine::layer
