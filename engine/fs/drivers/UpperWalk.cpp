// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/drivers/UpperWalk.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
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

class Walker {
public:
    Walker(WhiteoutFormat format, const ExcludedPaths &excluded, std::vector<std::string> *problems)
        : m_format(format), m_excluded(excluded), m_problems(problems)
    {
    }

    void walk(const std::filesystem::path &abs, const std::string &rel, bool underOpaque)
    {
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
            visit(abs / onDisk, joinPath(rel, name), name != onDisk, underOpaque);
    }

    std::vector<UpperEntry> entries;

private:
    void visit(const std::filesystem::path &abs, const std::string &rel, bool marker, bool underOpaque)
    {
        UpperEntry e;
        e.path = rel;
        e.underOpaque = underOpaque;
        if (::lstat(abs.c_str(), &e.st) != 0) {
            if (m_problems)
                m_problems->push_back(rel + ": " + std::strerror(errno));
            return;
        }
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
        const bool opaque = m_format == WhiteoutFormat::OciMarkers
                                ? ::access((abs / layer::kOpaqueMarker).c_str(), F_OK) == 0
                                : hasOverlayOpaqueXattr(abs);
        e.kind = opaque ? UpperKind::OpaqueDir : UpperKind::Dir;
        entries.push_back(e);
        if (!m_excluded.hides(joinPath(rel, "x")))
            walk(abs, rel, underOpaque || opaque);
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
    w.walk(upper, "", false);
    return std::move(w.entries);
}

} // namespace strata::engine::fs::drivers
