// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/drivers/DiffChanges.h"

#include "engine/fs/drivers/LowerLookup.h"
#include "engine/fs/drivers/UpperWalk.h"

#include <algorithm>
#include <optional>
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

} // namespace

// Docker 20.10's overlay2 `diff` as it runs on Debian's kernels, observed
// against a real daemon (tests/cli/data/docker-diff-*.txt): the driver falls
// back to its "naive" diff (moby pkg/archive ChangesDirs), which compares the
// container's view with the image's, file by file:
//  - a path only the container has is A, and so is everything under it;
//  - a path both have is C when its mode, owner or device differs or, for
//    anything but a directory, its mtime or size (Docker's statDifferent);
//  - a path only the image has is D (not what lies under it);
//  - a directory holding any change is C, listed before what is under it,
//    up to the top; so `echo x >> /usr/lib/os-release` lists C /usr, C
//    /usr/lib and C /usr/lib/os-release, and an opaque directory (deleted and
//    made anew) is C, its new entries A and the image's old ones D.
// Docker's order within a directory follows a Go map (it changes from call to
// call); we print one of its orders, always the same: the entries the
// container has, by name, each followed by its subtree, then the deleted
// ones, by name.
// Only the container layer can hold a difference, so only its entries are
// visited; the image's side is asked path by path (LowerLookup).
namespace {

// moby's statDifferent: a directory's size and mtime are no measure of change.
bool statDifferent(const struct stat &older, const struct stat &newer)
{
    if (older.st_mode != newer.st_mode || older.st_uid != newer.st_uid || older.st_gid != newer.st_gid ||
        older.st_rdev != newer.st_rdev)
        return true;
    return !S_ISDIR(older.st_mode) && (!sameFsTime(older.st_mtim, newer.st_mtim) || older.st_size != newer.st_size);
}

class NaiveDiff {
public:
    NaiveDiff(const Lowers &lowers, const std::vector<UpperEntry> &entries, const ExcludedPaths &excluded)
        : m_lookup(lowers), m_entries(entries), m_excluded(excluded)
    {
    }

    std::vector<ContainerChange> run()
    {
        directory(0, m_entries.size(), "", true, false);
        return std::move(m_out);
    }

private:
    // The entries after `i` that lie under it (walkUpper lists parents first).
    std::size_t subtreeEnd(std::size_t i, std::size_t end) const
    {
        const std::string prefix = m_entries[i].path + "/";
        std::size_t j = i + 1;
        while (j < end && m_entries[j].path.compare(0, prefix.size(), prefix) == 0)
            ++j;
        return j;
    }

    // m_entries[begin, end) are the container layer's contents of `dir`;
    // `imageDir`: the image has `dir` as a directory (else nothing of it shows
    // through); `opaque`: the container hides the image's contents of `dir`.
    void directory(std::size_t begin, std::size_t end, const std::string &dir, bool imageDir, bool opaque)
    {
        std::vector<ContainerChange> deleted;
        std::set<std::string> present;
        for (std::size_t i = begin; i < end;) {
            const UpperEntry &e = m_entries[i];
            const std::size_t next = subtreeEnd(i, end);
            const auto lower = imageDir ? m_lookup.find(e.path) : std::nullopt;
            if (e.kind == UpperKind::Whiteout) {
                if (lower && !opaque)
                    deleted.push_back(removal(e.path, *lower));
            } else {
                present.insert(e.path);
                entry(e, lower, i + 1, next);
            }
            i = next;
        }
        if (opaque && imageDir) {
            for (const auto &name : m_lookup.children(dir)) {
                const std::string path = joinPath(dir, name);
                if (!present.count(path) && !m_excluded.hides(path))
                    if (const auto lower = m_lookup.find(path))
                        deleted.push_back(removal(path, *lower));
            }
            std::sort(deleted.begin(), deleted.end(),
                      [](const auto &a, const auto &b) { return a.change.path < b.change.path; });
        }
        for (auto &d : deleted)
            m_out.push_back(std::move(d));
    }

    void entry(const UpperEntry &e, const std::optional<LowerHit> &lower, std::size_t childBegin, std::size_t childEnd)
    {
        const std::size_t at = m_out.size();
        const bool isDir = e.kind == UpperKind::Dir || e.kind == UpperKind::OpaqueDir;
        ContainerChange c;
        c.change.path = e.path;
        c.change.opaque = e.kind == UpperKind::OpaqueDir;
        c.type = e.type;
        c.size = sizeOf(e.st);
        c.fromLayer = lower ? lower->layer : -1;
        const bool listed = !lower || statDifferent(lower->st, e.st);
        if (listed) {
            c.change.kind = lower ? ChangeKind::Modified : ChangeKind::Added;
            m_out.push_back(c);
        }
        if (!isDir)
            return;
        directory(childBegin, childEnd, e.path, lower && lower->type == EntryType::Dir,
                  e.kind == UpperKind::OpaqueDir);
        if (!listed && m_out.size() > at) { // something under it changed
            c.change.kind = ChangeKind::Modified;
            m_out.insert(m_out.begin() + static_cast<std::ptrdiff_t>(at), c);
        }
    }

    static ContainerChange removal(const std::string &path, const LowerHit &lower)
    {
        return {{path, ChangeKind::Deleted, false}, lower.type, sizeOf(lower.st), lower.layer};
    }

    const LowerLookup m_lookup;
    const std::vector<UpperEntry> &m_entries;
    const ExcludedPaths &m_excluded;
    std::vector<ContainerChange> m_out;
};

} // namespace

std::vector<ContainerChange> dockerDiff(const Lowers &lowers, const std::filesystem::path &upper,
                                        layer::WhiteoutFormat format, const ExcludedPaths &excluded)
{
    const std::vector<UpperEntry> entries = walkUpper(upper, format, excluded);
    return NaiveDiff(lowers, entries, excluded).run();
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
