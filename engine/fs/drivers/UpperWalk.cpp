// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/drivers/UpperWalk.h"

#include "engine/util/RootedOpen.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace strata::engine::fs::drivers {
namespace {

using layer::WhiteoutFormat;

bool xattrIsY(const std::filesystem::path &p, const char *name)
{
    char v[2] = {};
    const ssize_t n = ::lgetxattr(p.c_str(), name, v, sizeof v);
    return n == 1 && v[0] == 'y';
}

// As xattrIsY, on an open directory (its /proc/self/fd name is a link that
// lgetxattr would not follow).
bool fdXattrIsY(int fd, const char *name)
{
    char v[2] = {};
    const ssize_t n = ::fgetxattr(fd, name, v, sizeof v);
    return n == 1 && v[0] == 'y';
}

class Walker {
public:
    Walker(WhiteoutFormat format, const ExcludedPaths &excluded, std::vector<std::string> *problems)
        : m_format(format), m_excluded(excluded), m_problems(problems)
    {
    }

    // `dir` is open: its entries are reached through it (fdPath) and each
    // subdirectory is opened from it with O_NOFOLLOW, so a running container
    // that swaps a directory of its upper layer for a symlink meanwhile
    // makes the walk skip it, never walk the link's target on the host.
    void walk(int dir, const std::string &rel, bool underOpaque)
    {
        const std::filesystem::path abs = util::fdPath(dir);
        bool ok = true;
        const std::vector<std::string> names = listNames(abs, &ok);
        if (!ok && m_problems)
            m_problems->push_back((rel.empty() ? "/" : rel) + ": " + std::strerror(errno));
        // (name the entry sorts under, on-disk name): a marker ".wh.x" sorts as "x".
        std::vector<std::pair<std::string, std::string>> order;
        for (const auto &n : names) {
            if (m_format == WhiteoutFormat::OciMarkers && layer::isOpaqueMarker(n))
                continue;
            if (m_format == WhiteoutFormat::OciMarkers && layer::isWhiteoutName(n)) {
                const std::string hidden(layer::whitedOutName(n));
                // An entry of the same name in this layer replaces the lower one anyway.
                if (!std::binary_search(names.begin(), names.end(), hidden))
                    order.emplace_back(hidden, n);
                continue;
            }
            order.emplace_back(n, n);
        }
        std::sort(order.begin(), order.end());
        for (const auto &[name, onDisk] : order)
            visit(dir, onDisk, joinPath(rel, name), name != onDisk, underOpaque);
    }

    std::vector<UpperEntry> entries;

private:
    void problem(const std::string &rel)
    {
        if (m_problems)
            m_problems->push_back(rel + ": " + std::strerror(errno));
    }

    void visit(int parent, const std::string &onDisk, const std::string &rel, bool marker, bool underOpaque)
    {
        UpperEntry e;
        e.path = rel;
        e.underOpaque = underOpaque;
        if (::fstatat(parent, onDisk.c_str(), &e.st, AT_SYMLINK_NOFOLLOW) != 0)
            return problem(rel);
        e.type = entryTypeOf(e.st.st_mode);
        if (marker || (m_format == WhiteoutFormat::OverlayDevices && isOverlayWhiteout(e.st))) {
            e.kind = UpperKind::Whiteout;
            entries.push_back(std::move(e));
            return;
        }
        if (e.type != EntryType::Dir) {
            e.kind = UpperKind::Other;
            entries.push_back(std::move(e));
            return;
        }
        const util::UniqueFd dir(::openat(parent, onDisk.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!dir)
            return problem(rel); // replaced by a link or a file since the fstatat
        const bool opaque = m_format == WhiteoutFormat::OciMarkers
                                ? ::faccessat(dir.get(), std::string(layer::kOpaqueMarker).c_str(), F_OK, AT_SYMLINK_NOFOLLOW) == 0
                                : fdXattrIsY(dir.get(), "trusted.overlay.opaque") || fdXattrIsY(dir.get(), "user.overlay.opaque");
        e.kind = opaque ? UpperKind::OpaqueDir : UpperKind::Dir;
        entries.push_back(e);
        if (!m_excluded.hides(joinPath(rel, "x")))
            walk(dir.get(), rel, underOpaque || opaque);
    }

    WhiteoutFormat m_format;
    const ExcludedPaths &m_excluded;
    std::vector<std::string> *m_problems;
};

} // namespace

bool isOverlayWhiteout(const struct stat &st)
{
    return S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0);
}

bool hasOverlayOpaqueXattr(const std::filesystem::path &dir)
{
    return xattrIsY(dir, "trusted.overlay.opaque") || xattrIsY(dir, "user.overlay.opaque");
}

std::vector<UpperEntry> walkUpper(const std::filesystem::path &upper, layer::WhiteoutFormat format,
                                  const ExcludedPaths &excluded, std::vector<std::string> *problems)
{
    Walker w(format, excluded, problems);
    const util::UniqueFd top(::open(upper.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!top) {
        if (problems)
            problems->push_back("/: " + std::string(std::strerror(errno)));
        return {};
    }
    w.walk(top.get(), "", false);
    return std::move(w.entries);
}

} // namespace strata::engine::fs::drivers
