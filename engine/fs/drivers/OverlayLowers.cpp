// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/drivers/OverlayLowers.h"

#include "engine/Error.h"
#include "engine/fs/drivers/FileCopy.h"
#include "engine/fs/drivers/UpperWalk.h"
#include "engine/util/Fs.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <dirent.h>
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

// Copies the tree `src` into the existing directory `dst`, overlay spelling.
void convertDir(const stdfs::path &src, const stdfs::path &dst, OverlayXattrs xattrs)
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
            if (present.count(hidden))
                recreated.insert(hidden);
            else
                makeOverlayWhiteout(dst / hidden);
            continue;
        }
        struct stat st {};
        if (::lstat((src / name).c_str(), &st) != 0)
            throwErrno("stat " + (src / name).string());
        if (S_ISDIR(st.st_mode)) {
            copyEntry(src / name, st, dst / name);
            convertDir(src / name, dst / name, xattrs);
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

stdfs::path prepareOverlayView(const LowerLayer &lower, OverlayXattrs xattrs)
{
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
    convertDir(lower.dir, tmp.path(), xattrs);
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
