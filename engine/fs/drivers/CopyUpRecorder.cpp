// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/drivers/CopyUpRecorder.h"

#include "engine/Error.h"
#include "engine/fs/UnionView.h"
#include "engine/fs/drivers/FileCopy.h"
#include "engine/fs/drivers/UpperWalk.h"
#include "engine/util/Fs.h"
#include "engine/util/Utf8.h"
#include "engine/util/RootedOpen.h"

#include <cerrno>
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <set>
#include <sys/xattr.h>
#include <unistd.h>

namespace strata::engine::fs::drivers {
namespace {

namespace stdfs = std::filesystem;
using layer::WhiteoutFormat;

// Coarse kernel clocks stamp files in ticks of a few milliseconds; two
// seconds is a generous bound for "written in the same tick".
constexpr std::int64_t kRacyWindowNs = 2'000'000'000;

std::int64_t nanos(const struct timespec &t)
{
    return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

bool sameTime(const struct timespec &a, const struct timespec &b)
{
    return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

bool sameMeta(const struct stat &a, const struct stat &b)
{
    return (a.st_mode & S_IFMT) == (b.st_mode & S_IFMT) && (a.st_mode & 07777) == (b.st_mode & 07777) &&
           a.st_uid == b.st_uid && a.st_gid == b.st_gid;
}

std::string readLink(const stdfs::path &p)
{
    std::error_code ec;
    return stdfs::read_symlink(p, ec).string();
}

// Does `now` (at nowPath) still hold what `was` (at wasPath) held?
bool sameEntry(const stdfs::path &nowPath, const struct stat &now, const stdfs::path &wasPath, const struct stat &was)
{
    if (!sameMeta(now, was))
        return false;
    switch (now.st_mode & S_IFMT) {
    case S_IFDIR: return sameTime(now.st_mtim, was.st_mtim);
    case S_IFLNK: return readLink(nowPath) == readLink(wasPath);
    case S_IFCHR:
    case S_IFBLK: return now.st_rdev == was.st_rdev;
    case S_IFREG: break;
    default: return true;
    }
    if (now.st_size != was.st_size || !sameTime(now.st_mtim, was.st_mtim))
        return false;
    // Same size and mtime. A write normally moves mtime past the lower's, but
    // not when both fall in one clock tick: then only the bytes can tell.
    if (nanos(now.st_ctim) - nanos(was.st_mtim) < kRacyWindowNs)
        return sameContent(nowPath, wasPath);
    return true;
}

enum class Action { Dir, OpaqueDir, Copy, Whiteout };

struct Planned {
    std::string path;
    Action action;
    struct stat st {}; // of the merged/ entry (not for whiteouts)
};

class Recorder {
public:
    Recorder(const Lowers &lowers, const ContainerPaths &paths, const ExcludedPaths &excluded)
        : m_paths(paths), m_excluded(excluded), m_index(loadDirIndex(paths.mergedIndex))
    {
        std::vector<LayerDir> dirs;
        for (const auto &l : lowers)
            dirs.push_back({l.dir, l.whiteouts});
        m_lower = UnionView::build(dirs);
        for (const auto &[path, entry] : m_lower.merged())
            m_lowerChildren[parentOf(path)].push_back(path.substr(path.rfind('/') + 1));
        for (auto &e : walkUpper(paths.diff, WhiteoutFormat::OciMarkers, excluded))
            m_diff.emplace(e.path, std::move(e));
        m_mergedFd.reset(::open(paths.merged.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
        struct stat st {};
        if (!m_mergedFd || ::fstat(m_mergedFd.get(), &st) != 0)
            throwErrno("stat " + paths.merged.string());
        m_device = st.st_dev;
    }

    void run()
    {
        planDir("", false);
        removeStale();
        for (const auto &p : m_plan)
            apply(p);
        for (auto it = m_plan.rbegin(); it != m_plan.rend(); ++it) // directories last, deepest first
            if (it->action == Action::Dir || it->action == Action::OpaqueDir)
                copyMetadata(it->st, m_paths.diff / it->path);
    }

private:
    // merged/`path` as a path whose directories were opened from a
    // descriptor of merged/ with every symlink refused (fdPath of the
    // parent + the last name, which lstat, readlink and the O_NOFOLLOW
    // opens of FileCopy never follow): the container writes merged/ while
    // it runs, and a directory it swaps for a link to / must not lead this
    // sync to read the host. Valid until the next call (one parent is kept
    // open, as the walk goes directory by directory). A parent that is no
    // longer a directory: a path that does not exist.
    stdfs::path merged(const std::string &path)
    {
        const std::string parent = parentOf(path);
        if (!m_parentFd || parent != m_parentRel) {
            m_parentFd.reset(util::openBeneath(m_mergedFd.get(), parent, O_PATH | O_DIRECTORY));
            m_parentRel = parent;
        }
        if (!m_parentFd)
            return m_paths.merged / ".strata-gone" / path; // ENOENT for whoever looks
        const std::string base = parent.empty() ? path : path.substr(parent.size() + 1);
        return stdfs::path(util::fdPath(m_parentFd.get())) / base;
    }

    const TreeEntry *lowerOf(const std::string &path) const
    {
        const auto it = m_lower.merged().find(path);
        return it == m_lower.merged().end() ? nullptr : &it->second;
    }

    const UpperEntry *diffOf(const std::string &path) const
    {
        const auto it = m_diff.find(path);
        return it == m_diff.end() ? nullptr : &it->second;
    }

    // Plans `rel`'s children; true when anything under it goes into diff/.
    bool planDir(const std::string &rel, bool opaqueAbove)
    {
        bool any = false;
        const util::UniqueFd dir(util::openBeneath(m_mergedFd.get(), rel, O_RDONLY | O_DIRECTORY));
        const std::vector<std::string> names = dir ? listNames(util::fdPath(dir.get())) : std::vector<std::string>{};
        for (const auto &name : names) {
            const std::string path = joinPath(rel, name);
            struct stat st {};
            if (::fstatat(dir.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
                continue; // removed while we looked: the next sync sees it gone
            const TreeEntry *lower = opaqueAbove ? nullptr : lowerOf(path);
            any = (S_ISDIR(st.st_mode) ? planSubdir(path, st, lower, opaqueAbove) : planLeaf(path, st, lower, opaqueAbove)) ||
                  any;
        }
        if (opaqueAbove)
            return any;
        const std::set<std::string> present(names.begin(), names.end());
        for (const auto &child : m_lowerChildren[rel]) {
            const std::string path = joinPath(rel, child);
            if (!present.count(child) && !m_excluded.hides(path)) {
                m_plan.push_back({path, Action::Whiteout, {}});
                any = true;
            }
        }
        return any;
    }

    bool planSubdir(const std::string &path, const struct stat &st, const TreeEntry *lower, bool opaqueAbove)
    {
        const UpperEntry *d = diffOf(path);
        const bool recreated = lower && lower->type == EntryType::Dir &&
                               !isMaterialisedDir(merged(path), path, st, m_index);
        const bool opaque = !opaqueAbove && lower &&
                            ((d && (d->kind == UpperKind::OpaqueDir || d->kind == UpperKind::Whiteout)) ||
                             lower->type != EntryType::Dir || recreated);
        const std::size_t at = m_plan.size();
        m_plan.push_back({path, opaque ? Action::OpaqueDir : Action::Dir, st});
        const bool enter = st.st_dev == m_device && !m_excluded.hides(joinPath(path, "x"));
        const bool inner = enter && planDir(path, opaqueAbove || opaque);
        struct stat lst {};
        const bool differs = lower && (::lstat(lower->source.c_str(), &lst) != 0 || !sameEntry(merged(path), st, lower->source, lst));
        const bool need = opaqueAbove || !lower || opaque || inner || differs || (d && d->kind != UpperKind::Whiteout);
        if (!need)
            m_plan.resize(at); // nothing below was planned either
        return need;
    }

    bool planLeaf(const std::string &path, const struct stat &st, const TreeEntry *lower, bool opaqueAbove)
    {
        const UpperEntry *d = diffOf(path);
        bool need = opaqueAbove || !lower || d != nullptr; // once copied up (or whited out and recreated), recorded
        if (!need) {
            struct stat lst {};
            need = ::lstat(lower->source.c_str(), &lst) != 0 || !sameEntry(merged(path), st, lower->source, lst);
        }
        if (need)
            m_plan.push_back({path, Action::Copy, st});
        return need;
    }

    static bool fits(UpperKind kind, Action action)
    {
        switch (kind) {
        case UpperKind::Whiteout: return action == Action::Whiteout;
        case UpperKind::Dir:
        case UpperKind::OpaqueDir: return action == Action::Dir || action == Action::OpaqueDir;
        case UpperKind::Other: return action == Action::Copy;
        }
        return false;
    }

    stdfs::path markerOf(const std::string &path) const
    {
        const std::string parent = parentOf(path);
        const std::string base = parent.empty() ? path : path.substr(parent.size() + 1);
        return m_paths.diff / parent / (std::string(layer::kWhiteoutPrefix) + base);
    }

    // Deletes what diff/ holds but the plan does not (or holds as another kind).
    void removeStale()
    {
        std::map<std::string, Action> planned;
        for (const auto &p : m_plan)
            planned.emplace(p.path, p.action);
        for (const auto &[path, e] : m_diff) {
            const auto it = planned.find(path);
            if (it != planned.end() && fits(e.kind, it->second))
                continue;
            if (e.kind == UpperKind::Whiteout)
                ::unlink(markerOf(path).c_str());
            else
                fsutil::removeTree(m_paths.diff / path);
        }
    }

    void apply(const Planned &p)
    {
        const stdfs::path target = m_paths.diff / p.path;
        struct stat cur {};
        const bool exists = ::lstat(target.c_str(), &cur) == 0;
        switch (p.action) {
        case Action::Dir:
        case Action::OpaqueDir: {
            if (!exists && ::mkdir(target.c_str(), 0700) != 0)
                throwErrno("create directory " + target.string());
            const stdfs::path marker = target / layer::kOpaqueMarker;
            if (p.action == Action::OpaqueDir)
                touch(marker);
            else
                ::unlink(marker.c_str());
            return;
        }
        case Action::Whiteout:
            touch(markerOf(p.path));
            return;
        case Action::Copy:
            if (exists && sameEntry(merged(p.path), p.st, target, cur))
                return;
            copyUp(p, target);
            return;
        }
    }

    void copyUp(const Planned &p, const stdfs::path &target)
    {
        // Into a temp name, then renamed over the old copy: a crash leaves the
        // old copy or the new one, never half a file under the real name.
        const stdfs::path tmp = target.parent_path() / fsutil::uniqueName(".copyup-");
        try {
            copyEntry(merged(p.path), p.st, tmp);
            fsutil::renamePath(tmp, target);
        } catch (...) {
            ::unlink(tmp.c_str());
            throw;
        }
    }

    static void touch(const stdfs::path &file)
    {
        const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd < 0)
            throwErrno("create " + file.string());
        ::close(fd);
    }

    const ContainerPaths &m_paths;
    const ExcludedPaths &m_excluded;
    DirIndex m_index;
    UnionView m_lower;
    std::map<std::string, std::vector<std::string>> m_lowerChildren; // dir -> names in the lowers' union
    std::map<std::string, UpperEntry> m_diff;                        // what diff/ holds now
    std::vector<Planned> m_plan;                                     // what it should hold, parents first
    dev_t m_device = 0;
    util::UniqueFd m_mergedFd;  // merged/: every read of it starts here
    util::UniqueFd m_parentFd;  // merged()'s open parent ...
    std::string m_parentRel;    // ... and its path under merged/
};

} // namespace

void recordCopyUps(const Lowers &lowers, const ContainerPaths &paths, const ExcludedPaths &excluded)
{
    Recorder(lowers, paths, excluded).run();
}

namespace {
constexpr const char *kDirTag = "user.strata.dir";
}

bool tagMaterialisedDir(const std::filesystem::path &dir, const std::string &rel)
{
    return ::lsetxattr(dir.c_str(), kDirTag, rel.data(), rel.size(), 0) == 0;
}

bool isMaterialisedDir(const std::filesystem::path &dir, const std::string &rel, const struct stat &st,
                       const DirIndex &index)
{
    if (!index.tagged) {
        const auto it = index.inodes.find(rel);
        return it == index.inodes.end() || it->second == st.st_ino; // unknown: assume it is
    }
    std::string value(rel.size() + 1, '\0');
    const ssize_t n = ::lgetxattr(dir.c_str(), kDirTag, value.data(), value.size());
    return n == static_cast<ssize_t>(rel.size()) && value.compare(0, rel.size(), rel) == 0;
}

DirIndex loadDirIndex(const std::filesystem::path &file)
{
    DirIndex index;
    try {
        const auto j = nlohmann::json::parse(fsutil::readFile(file));
        index.tagged = j.value("tagged", false);
        for (const auto &[path, ino] : j.at("dirs").items())
            index.inodes.emplace(path, ino.get<ino_t>());
        // Names that are not UTF-8, hex-encoded (JSON strings cannot hold them).
        const nlohmann::json raw = j.value("rawDirs", nlohmann::json::object());
        for (const auto &[hex, ino] : raw.items())
            if (const auto path = util::unhexBytes(hex))
                index.inodes.emplace(*path, ino.get<ino_t>());
    } catch (const Error &) {
    } catch (const nlohmann::json::exception &) {
        index = {}; // without it, recreated directories show as whiteouts + additions: still a correct union
    }
    return index;
}

void saveDirIndex(const std::filesystem::path &file, const DirIndex &index)
{
    nlohmann::json dirs = nlohmann::json::object();
    nlohmann::json rawDirs = nlohmann::json::object();
    for (const auto &[path, ino] : index.inodes) {
        if (util::isValidUtf8(path))
            dirs[path] = ino;
        else
            rawDirs[util::hexBytes(path)] = ino;
    }
    nlohmann::json doc{{"tagged", index.tagged}, {"dirs", dirs}};
    if (!rawDirs.empty())
        doc["rawDirs"] = rawDirs;
    fsutil::writeFileAtomic(file, doc.dump());
}

} // namespace strata::engine::fs::drivers
