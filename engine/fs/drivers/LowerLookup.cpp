// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/drivers/LowerLookup.h"

#include "engine/fs/drivers/ExcludedPaths.h"
#include "engine/fs/drivers/UpperWalk.h"

#include <algorithm>
#include <unistd.h>

namespace strata::engine::fs::drivers {
namespace {

using layer::WhiteoutFormat;

bool whitedOut(const LowerLayer &layer, const std::string &path)
{
    if (layer.whiteouts == WhiteoutFormat::OverlayDevices) {
        struct stat st {};
        return ::lstat((layer.dir / path).c_str(), &st) == 0 && isOverlayWhiteout(st);
    }
    const std::string parent = parentOf(path);
    const std::string base = parent.empty() ? path : path.substr(parent.size() + 1);
    return ::access((layer.dir / parent / (std::string(layer::kWhiteoutPrefix) + base)).c_str(), F_OK) == 0;
}

bool opaque(const LowerLayer &layer, const std::string &dir)
{
    if (layer.whiteouts == WhiteoutFormat::OverlayDevices)
        return hasOverlayOpaqueXattr(layer.dir / dir);
    return ::access((layer.dir / dir / layer::kOpaqueMarker).c_str(), F_OK) == 0;
}

} // namespace

// One layer's say about `path`. The spec's rules (image-spec layer.md
// "Whiteouts"): an entry in the layer wins, even when the same layer also
// holds a whiteout for it (whiteouts act on lower layers only); otherwise a
// whiteout of the path or of any ancestor, an ancestor replaced by a
// non-directory, or an opaque ancestor hides every layer below.
LowerLookup::InLayer LowerLookup::probe(const LowerLayer &layer, const std::string &path, struct stat &st) const
{
    if (::lstat((layer.dir / path).c_str(), &st) == 0)
        return layer.whiteouts == WhiteoutFormat::OverlayDevices && isOverlayWhiteout(st) ? InLayer::Hides
                                                                                           : InLayer::Has;
    std::size_t from = 0;
    for (;;) {
        const std::size_t slash = path.find('/', from);
        const std::string prefix = path.substr(0, slash);
        if (whitedOut(layer, prefix))
            return InLayer::Hides;
        if (slash == std::string::npos)
            return InLayer::Passes;
        struct stat ast {};
        if (::lstat((layer.dir / prefix).c_str(), &ast) != 0)
            return InLayer::Passes; // nothing deeper can be in this layer
        if (!S_ISDIR(ast.st_mode) || opaque(layer, prefix))
            return InLayer::Hides;
        from = slash + 1;
    }
}

std::optional<LowerHit> LowerLookup::find(const std::string &path) const
{
    for (int i = static_cast<int>(m_lowers.size()) - 1; i >= 0; --i) {
        LowerHit hit;
        switch (probe(m_lowers[static_cast<std::size_t>(i)], path, hit.st)) {
        case InLayer::Has:
            hit.layer = i;
            hit.source = m_lowers[static_cast<std::size_t>(i)].dir / path;
            hit.type = entryTypeOf(hit.st.st_mode);
            return hit;
        case InLayer::Hides:
            return std::nullopt;
        case InLayer::Passes:
            break;
        }
    }
    return std::nullopt;
}

// Every name any layer holds in `dir` is a candidate (OCI markers are not
// names); find() then says whether the union shows it. Only called for the
// few opaque directories a container makes, so the extra lstat calls are cheap.
std::vector<std::string> LowerLookup::children(const std::string &dir) const
{
    std::vector<std::string> candidates;
    for (const auto &layer : m_lowers) {
        for (auto &n : listNames(layer.dir / dir)) {
            if (layer.whiteouts == WhiteoutFormat::OciMarkers && n.rfind(layer::kWhiteoutPrefix, 0) == 0)
                continue;
            candidates.push_back(std::move(n));
        }
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    std::vector<std::string> out;
    for (auto &n : candidates) {
        if (find(joinPath(dir, n)))
            out.push_back(std::move(n));
    }
    return out;
}

} // namespace strata::engine::fs::drivers
