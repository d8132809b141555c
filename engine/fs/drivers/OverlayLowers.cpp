// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/drivers/OverlayLowers.h"

#include "engine/Error.h"
#include "engine/fs/drivers/FileCopy.h"
#include "engine/fs/drivers/UpperWalk.h"
#include "engine/fs/MarkersBelowSymlink.h"
#include "engine/fs/UnionView.h"
#include "engine/util/RootedOpen.h"
#include "engine/util/Fs.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <dirent.h>
#include <optional>
#include <fcntl.h>
#include <random>
#include <set>
#include <sys/xattr.h>
#include <unistd.h>

namespace strata::engine::fs::drivers {
namespace {

namespace stdfs = std::filesystem;

bool hasMarkers(const stdfs::path &dir)
{
    for (const auto &name : listNames(dir)) {
        if (name.rfind(layer::kWhiteoutPrefix, 0) == 0)
            return true;
        struct stat st {};
        if (::lstat((dir / name).c_str(), &st) == 0 && S_ISDIR(st.st_mode) && hasMarkers(dir / name))
            return true;
    }
    return false;
}

void markOpaque(const stdfs::path &dir, OverlayXattrs xattrs)
{
    const char *name = xattrs == OverlayXattrs::Trusted ? "trusted.overlay.opaque" : "user.overlay.opaque";
    if (::lsetxattr(dir.c_str(), name, "y", 1, 0) != 0) // trusted.* needs CAP_SYS_ADMIN
        throwErrno("mark " + dir.string() + " opaque for overlayfs (" + name + ")");
}

// What converting one layer needs to know about the layers below it: only
// asked for a directory of the layer that holds nothing but markers.
class LayersBelow {
public:
    LayersBelow(const Lowers &lowers, std::size_t index) : m_lowers(lowers), m_index(index) {}

    // Where the markers of `rel`, a marker-only directory of the layer, act:
    // `rel` itself, or the in-root target of the symlink the layers below
    // have there (nullopt: a symlink leading nowhere, nothing to hide).
    std::optional<std::string> markersAct(const std::string &rel)
    {
        if (!someLayerHasSymlinkAt(rel)) // cheap: no union built for the common case
            return rel;
        const auto &merged = union_().merged();
        const auto it = merged.find(rel);
        if (it == merged.end() || it->second.type != EntryType::Symlink)
            return rel;
        return resolveDirInUnion(merged, rel);
    }

    // The union's entry for a directory of the layers below (to give a
    // directory the view must add the metadata it has below).
    const TreeEntry *entry(const std::string &rel)
    {
        const auto &merged = union_().merged();
        const auto it = merged.find(rel);
        return it == merged.end() ? nullptr : &it->second;
    }

private:
    bool someLayerHasSymlinkAt(const std::string &rel) const
    {
        const auto slash = rel.rfind('/');
        const std::string parent = slash == std::string::npos ? "" : rel.substr(0, slash);
        const std::string name = slash == std::string::npos ? rel : rel.substr(slash + 1);
        for (std::size_t i = 0; i < m_index; ++i) {
            util::UniqueFd root(::open(m_lowers[i].dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
            if (!root.valid())
                continue;
            // Beneath the layer dir with no symlink followed: a lower's own links never lead the stat out.
            util::UniqueFd dir(util::openBeneath(root.get(), parent, O_PATH | O_DIRECTORY));
            struct stat st {};
            if (dir.valid() && ::fstatat(dir.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
                return true;
        }
        return false;
    }

    const UnionView &union_()
    {
        if (!m_union) {
            std::vector<LayerDir> dirs;
            for (std::size_t i = 0; i < m_index; ++i)
                dirs.push_back({m_lowers[i].dir, m_lowers[i].whiteouts});
            m_union = UnionView::build(dirs);
        }
        return *m_union;
    }

    const Lowers &m_lowers;
    std::size_t m_index;
    std::optional<UnionView> m_union;
};

std::string joinRel(const std::string &dir, const std::string &name)
{
    return dir.empty() ? name : dir + "/" + name;
}

// Makes the directories of `rel` in the view that it lacks, each with the
// metadata the layers below give it (a directory of an upper layer shows
// its own mode and owner in the union). False when a component in the view
// is not a directory (this layer put a file or a symlink there): the markers
// then have nothing of the layers below to hide, and a symlink of the layer
// must never lead the conversion out of the view.
bool makeViewDirs(const stdfs::path &view, const std::string &rel, LayersBelow &below)
{
    if (rel.empty())
        return true;
    std::string at;
    for (std::size_t i = 0; i <= rel.size();) {
        std::size_t slash = rel.find('/', i);
        if (slash == std::string::npos)
            slash = rel.size();
        at = joinRel(at, rel.substr(i, slash - i));
        i = slash + 1;
        struct stat st {};
        if (::mkdir((view / at).c_str(), 0755) != 0) {
            if (::lstat((view / at).c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
                return false;
            continue;
        }
        if (const TreeEntry *e = below.entry(at); e && ::lstat(e->source.c_str(), &st) == 0)
            copyMetadata(st, view / at);
    }
    return true;
}

// Copies the tree `src` (at `rel` in the layer) into the existing directory
// `dst` of the view rooted at `view`, overlay spelling.
void convertDir(const stdfs::path &src, const stdfs::path &dst, const std::string &rel, const stdfs::path &view,
                OverlayXattrs xattrs, LayersBelow &below)
{
    const std::vector<std::string> names = listNames(src);
    const std::set<std::string> present(names.begin(), names.end());
    bool opaque = present.count(std::string(layer::kOpaqueMarker)) > 0;
    std::set<std::string> recreated; // whited out *and* present: the spec keeps the entry
    for (const auto &name : names) {
        if (layer::isOpaqueMarker(name))
            continue;
        if (layer::isWhiteoutName(name)) {
            const std::string hidden(layer::whitedOutName(name));
            struct stat there {};
            if (present.count(hidden))
                recreated.insert(hidden);
            else if (::lstat((dst / hidden).c_str(), &there) != 0) // one already made through a link
                makeOverlayWhiteout(dst / hidden);
            continue;
        }
        struct stat st {};
        if (::lstat((src / name).c_str(), &st) != 0)
            throwErrno("stat " + (src / name).string());
        const std::string childRel = joinRel(rel, name);
        if (S_ISDIR(st.st_mode) && holdsOnlyMarkers(src / name, false)) {
            const std::optional<std::string> actsAt = below.markersAct(childRel);
            if (actsAt != childRel) { // a symlink below: it stays, its target gets the markers
                if (actsAt && makeViewDirs(view, *actsAt, below)) {
                    convertDir(src / name, actsAt->empty() ? view : view / *actsAt, *actsAt, view, xattrs, below);
                }
                continue;
            }
        }
        if (S_ISDIR(st.st_mode)) {
            copyEntry(src / name, st, dst / name);
            convertDir(src / name, dst / name, childRel, view, xattrs, below);
            if (recreated.count(name)) // a directory replacing a whited-out one hides its old contents
                markOpaque(dst / name, xattrs);
            copyMetadata(st, dst / name);
        } else if (S_ISREG(st.st_mode) && ::link((src / name).c_str(), (dst / name).c_str()) == 0) {
            // shared inode: no data copied, metadata identical by construction
        } else {
            copyEntry(src / name, st, dst / name);
        }
    }
    if (opaque)
        markOpaque(dst, xattrs);
}

std::string randomName()
{
    static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    std::uniform_int_distribution<std::size_t> pick(0, sizeof kAlphabet - 2);
    std::string s(ShortLinks::kNameLength, 'A');
    for (auto &c : s)
        c = kAlphabet[pick(rng)];
    return s;
}

stdfs::path linkTarget(const stdfs::path &linksDir, const stdfs::path &view)
{
    const auto abs = stdfs::absolute(view).lexically_normal();
    const auto rel = abs.lexically_relative(stdfs::absolute(linksDir).lexically_normal());
    return rel.empty() ? abs : rel;
}

std::string readLinkName(const stdfs::path &linkFile)
{
    try {
        std::string name = fsutil::readFile(linkFile);
        while (!name.empty() && (name.back() == '\n' || name.back() == ' '))
            name.pop_back();
        const bool valid = name.size() == ShortLinks::kNameLength &&
                           std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
        return valid ? name : std::string();
    } catch (const Error &) {
        return {};
    }
}

} // namespace

namespace {

stdfs::path sibling(const stdfs::path &lowerDir, const std::string &name)
{
    auto d = lowerDir.lexically_normal();
    if (!d.has_filename()) // "…/diff/"
        d = d.parent_path();
    if (d.filename() == "diff")
        return d.parent_path() / name;
    return stdfs::path(d.string() + "." + name);
}

} // namespace

stdfs::path overlayViewPath(const stdfs::path &lowerDir, OverlayXattrs xattrs)
{
    return sibling(lowerDir, xattrs == OverlayXattrs::Trusted ? "ovl" : "ovl-user");
}

stdfs::path linkNamePath(const stdfs::path &lowerDir, OverlayXattrs xattrs)
{
    return sibling(lowerDir, xattrs == OverlayXattrs::Trusted ? "link" : "link-user");
}

stdfs::path prepareOverlayView(const Lowers &lowers, std::size_t index, OverlayXattrs xattrs)
{
    const LowerLayer &lower = lowers.at(index);
    const stdfs::path view = overlayViewPath(lower.dir, xattrs);
    struct stat st {};
    if (::lstat(view.c_str(), &st) == 0)
        return view;
    if (::lstat(lower.dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        throw Error(ErrorCode::NotFound, "layer directory " + lower.dir.string() + " is missing");
    const stdfs::path parent = view.parent_path();
    if (lower.whiteouts == layer::WhiteoutFormat::OverlayDevices || !hasMarkers(lower.dir)) {
        const stdfs::path tmp = parent / fsutil::uniqueName(".ovl-tmp-");
        const stdfs::path target = lower.dir.lexically_normal().parent_path() == parent
                                       ? lower.dir.lexically_normal().filename()
                                       : stdfs::absolute(lower.dir);
        if (::symlink(target.c_str(), tmp.c_str()) != 0)
            throwErrno("create " + tmp.string());
        if (::rename(tmp.c_str(), view.c_str()) != 0) {
            ::unlink(tmp.c_str());
            throwErrno("rename " + tmp.string() + " to " + view.string());
        }
        return view;
    }
    fsutil::TempDir tmp(parent, ".ovl-tmp-");
    LayersBelow below(lowers, index);
    convertDir(lower.dir, tmp.path(), "", tmp.path(), xattrs, below);
    copyMetadata(st, tmp.path());
    if (::rename(tmp.path().c_str(), view.c_str()) == 0)
        tmp.release();
    else if (errno != EEXIST && errno != ENOTEMPTY && errno != ENOTDIR) // else: another process won the race
        throwErrno("rename " + tmp.path().string() + " to " + view.string());
    return view;
}

std::string ShortLinks::linkFor(const stdfs::path &linkFile, const stdfs::path &view)
{
    fsutil::makeDirs(m_dir);
    if (std::string name = readLinkName(linkFile); !name.empty()) {
        pointLinkAt(name, view);
        return name;
    }
    const auto target = linkTarget(m_dir, view);
    std::string name;
    for (int attempt = 0;; ++attempt) {
        name = randomName();
        if (::symlink(target.c_str(), (m_dir / name).c_str()) == 0)
            break;
        if (errno != EEXIST || attempt > 16)
            throwErrno("create link " + (m_dir / name).string());
    }
    // Publish the name with link(2): it fails if another process recorded one first.
    // Without fsync (each container's init layer makes one per run): a name
    // a power loss takes is made again here, as the l/ symlink it names,
    // which is not fsynced either, is by pointLinkAt.
    const stdfs::path tmp = linkFile.parent_path() / fsutil::uniqueName(".link-tmp-");
    fsutil::writeFileReplace(tmp, name);
    bool won = ::link(tmp.c_str(), linkFile.c_str()) == 0;
    const int err = errno;
    if (!won && err == EEXIST && readLinkName(linkFile).empty()) // a garbled name: ours replaces it
        won = ::rename(tmp.c_str(), linkFile.c_str()) == 0;
    ::unlink(tmp.c_str());
    if (won)
        return name;
    ::unlink((m_dir / name).c_str());
    if (err != EEXIST)
        throwErrno("record link name in " + linkFile.string(), err);
    return linkFor(linkFile, view);
}

void ShortLinks::pointLinkAt(const std::string &name, const stdfs::path &view)
{
    const auto target = linkTarget(m_dir, view);
    std::error_code ec;
    if (stdfs::read_symlink(m_dir / name, ec) == target && !ec)
        return;
    const stdfs::path tmp = m_dir / fsutil::uniqueName(".tmp-");
    if (::symlink(target.c_str(), tmp.c_str()) != 0)
        throwErrno("create link " + tmp.string());
    if (::rename(tmp.c_str(), (m_dir / name).c_str()) != 0) {
        ::unlink(tmp.c_str());
        throwErrno("rename link to " + (m_dir / name).string());
    }
}

void ShortLinks::pruneDangling()
{
    for (const auto &name : listNames(m_dir)) {
        struct stat st {};
        const auto p = m_dir / name;
        if (name.size() == kNameLength && ::lstat(p.c_str(), &st) == 0 && S_ISLNK(st.st_mode) &&
            ::stat(p.c_str(), &st) != 0 && errno == ENOENT)
            ::unlink(p.c_str());
    }
}

} // namespace strata::engine::fs::drivers
