// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/drivers/DiffChanges.h"

#include "engine/fs/drivers/LowerLookup.h"
#include "engine/fs/drivers/UpperWalk.h"

#include <set>

namespace strata::engine::fs::drivers {
namespace {

using layer::ChangeKind;

std::uint64_t sizeOf(const struct stat &st)
{
    return S_ISREG(st.st_mode) || S_ISLNK(st.st_mode) ? static_cast<std::uint64_t>(st.st_size) : 0;
}

// Docker's sameFsTime: equal, or the same second with one side lacking
// nanoseconds (tar without sub-second precision).
bool sameFsTime(const struct timespec &a, const struct timespec &b)
{
    return a.tv_sec == b.tv_sec && (a.tv_nsec == b.tv_nsec || a.tv_nsec == 0 || b.tv_nsec == 0);
}

// A directory copied up only because something inside it changed: overlayfs
// restores its times after the copy-up, so it matches the lower exactly.
bool sameDirectory(const struct stat &upper, const struct stat &lower)
{
    return S_ISDIR(lower.st_mode) && upper.st_size == lower.st_size && upper.st_mode == lower.st_mode &&
           sameFsTime(upper.st_mtim, lower.st_mtim);
}

} // namespace

// Docker 20.10's overlay2 diff (moby pkg/archive: changes() with
// overlayDeletedFile) walks the upper dir and decides per entry; we keep its
// rules and output order so `strata diff` reads like `docker diff`:
//  - a whiteout is D; an opaque directory is D too (Docker reports the
//    deleted directory; its new contents follow as A or C);
//  - otherwise C when a lower has the path, else A; a directory equal to
//    the lower (mode, size, mtime) is not listed by itself;
//  - the parent of an A or D entry is listed as C once, before it, unless it
//    was already listed (C of a file does not pull its parent in).
// One deliberate difference: "a lower has the path" means the lowers' union
// shows it (LowerLookup), not that any raw layer dir holds it, so a file a
// higher layer deleted and the container recreated is A, as it is new to
// anyone looking at the image.
std::vector<ContainerChange> dockerDiff(const Lowers &lowers, const std::filesystem::path &upper,
                                        layer::WhiteoutFormat format, const ExcludedPaths &excluded)
{
    const LowerLookup lookup(lowers);
    std::vector<ContainerChange> out;
    std::set<std::string> listedDirs;
    for (const auto &e : walkUpper(upper, format, excluded)) {
        const auto lower = lookup.find(e.path);
        ContainerChange c;
        c.change.path = e.path;
        c.fromLayer = lower ? lower->layer : -1;
        if (e.kind == UpperKind::Whiteout) {
            c.change.kind = ChangeKind::Deleted;
            c.type = lower ? lower->type : EntryType::File;
            c.size = lower ? sizeOf(lower->st) : 0;
        } else if (e.kind == UpperKind::OpaqueDir) {
            c.change.kind = ChangeKind::Deleted;
            c.change.opaque = true;
            c.type = EntryType::Dir;
        } else {
            if (lower && e.kind == UpperKind::Dir && sameDirectory(e.st, lower->st))
                continue;
            c.change.kind = lower ? ChangeKind::Modified : ChangeKind::Added;
            c.type = e.type;
            c.size = sizeOf(e.st);
        }
        if (e.kind == UpperKind::Dir || e.kind == UpperKind::OpaqueDir)
            listedDirs.insert(e.path);
        if (c.change.kind != ChangeKind::Modified) {
            const std::string parent = parentOf(e.path);
            if (!parent.empty() && listedDirs.insert(parent).second) {
                const auto plower = lookup.find(parent);
                out.push_back({{parent, ChangeKind::Modified, false}, EntryType::Dir, 0, plower ? plower->layer : -1});
            }
        }
        out.push_back(std::move(c));
    }
    return out;
}

layer::ChangeSet layerChangeSet(const Lowers &lowers, const std::filesystem::path &upper,
                                layer::WhiteoutFormat format, const ExcludedPaths &excluded)
{
    const LowerLookup lookup(lowers);
    layer::ChangeSet out;
    for (const auto &e : walkUpper(upper, format, excluded)) {
        if (e.kind == UpperKind::Whiteout) {
            out.push_back({e.path, ChangeKind::Deleted, false});
            continue;
        }
        const bool inLower = !e.underOpaque && lookup.find(e.path).has_value();
        out.push_back({e.path, inLower ? ChangeKind::Modified : ChangeKind::Added, e.kind == UpperKind::OpaqueDir});
    }
    return out;
}

} // namespace strata::engine::fs::drivers
