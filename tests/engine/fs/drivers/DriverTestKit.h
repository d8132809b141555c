// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Helpers for the union-driver suites: lower layers built by hand in the OCI
// marker spelling (as the store keeps them), an event recorder, tree checks.

#include "engine/events/EventBus.h"
#include "engine/util/Digest.h"
#include "engine/fs/drivers/UnionDriver.h"
#include "tests/support/TestSupport.h"

#include <filesystem>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace strata::test::drivers {

namespace stdfs = std::filesystem;
using namespace strata::engine;

// Image layers are old: a fixed time in 2020, as a tar from a registry would give.
inline void ageTree(const stdfs::path &root)
{
    const struct timespec t[2] = {{1577836800, 0}, {1577836800, 0}};
    std::vector<stdfs::path> all{root};
    for (auto it = stdfs::recursive_directory_iterator(root); it != stdfs::recursive_directory_iterator(); ++it)
        all.push_back(it->path());
    for (auto i = all.rbegin(); i != all.rend(); ++i)
        ::utimensat(AT_FDCWD, i->c_str(), t, AT_SYMLINK_NOFOLLOW);
}

// Three layers (dirs tmp/lN/diff), OCI spelling:
//   L0: etc/passwd, etc/motd, etc/app/{a,b}, tmp/junk, bin/busybox, bin/sh -> busybox
//   L1: etc/web.conf "port=80", etc/passwd (replaced)
//   L2: etc/web.conf "port=8080", .wh.motd (etc), etc/app opaque with only c, .wh.tmp
inline fs::drivers::Lowers makeLowers(const stdfs::path &root)
{
    const auto l0 = root / "l0" / "diff", l1 = root / "l1" / "diff", l2 = root / "l2" / "diff";
    writeFile(l0 / "etc/passwd", "root:x:0:0\n");
    writeFile(l0 / "etc/motd", "hello\n");
    writeFile(l0 / "etc/app/a", "a");
    writeFile(l0 / "etc/app/b", "b");
    writeFile(l0 / "tmp/junk", "junk");
    writeFile(l0 / "bin/busybox", "ELF");
    stdfs::create_symlink("busybox", l0 / "bin/sh");
    writeFile(l1 / "etc/web.conf", "port=80\n");
    writeFile(l1 / "etc/passwd", "root:x:0:0\nweb:x:1:1\n");
    writeFile(l2 / "etc/web.conf", "port=8080\n");
    writeFile(l2 / "etc/.wh.motd", "");
    writeFile(l2 / "etc/app/.wh..wh..opq", "");
    writeFile(l2 / "etc/app/c", "c");
    writeFile(l2 / ".wh.tmp", "");
    for (const auto &l : {l0, l1, l2})
        ageTree(l);
    return {{l0, layer::WhiteoutFormat::OciMarkers, "sha256:l0"},
            {l1, layer::WhiteoutFormat::OciMarkers, "sha256:l1"},
            {l2, layer::WhiteoutFormat::OciMarkers, "sha256:l2"}};
}

struct EventLog {
    explicit EventLog(events::EventBus &bus)
    {
        bus.subscribe([this](const events::Event &e) { all.push_back(e); });
    }
    [[nodiscard]] std::vector<events::Event> of(events::EventKind kind) const
    {
        std::vector<events::Event> out;
        for (const auto &e : all)
            if (e.kind == kind)
                out.push_back(e);
        return out;
    }
    // The one event of `kind` whose attrs.path is `path`; nullptr if none or several.
    [[nodiscard]] const events::Event *find(events::EventKind kind, const std::string &path) const
    {
        const events::Event *hit = nullptr;
        for (const auto &e : all) {
            if (e.kind == kind && e.attrs.value("path", "") == path) {
                if (hit)
                    return nullptr;
                hit = &e;
            }
        }
        return hit;
    }
    std::vector<events::Event> all;
};

// Every path under root, relative, sorted ("etc", "etc/app", ...).
inline std::vector<std::string> listTree(const stdfs::path &root)
{
    std::vector<std::string> out;
    for (auto it = stdfs::recursive_directory_iterator(root); it != stdfs::recursive_directory_iterator(); ++it)
        out.push_back(it->path().lexically_relative(root).string());
    std::sort(out.begin(), out.end());
    return out;
}

inline bool present(const stdfs::path &p)
{
    struct stat st {};
    return ::lstat(p.c_str(), &st) == 0;
}

// "A /data" lines, as `docker diff` prints them.
inline std::vector<std::string> diffLines(const std::vector<fs::drivers::ContainerChange> &changes)
{
    std::vector<std::string> out;
    for (const auto &c : changes)
        out.push_back(std::string(c.change.kind == layer::ChangeKind::Added      ? "A"
                                  : c.change.kind == layer::ChangeKind::Modified ? "C"
                                                                                 : "D") +
                      " /" + c.change.path);
    return out;
}

inline QString joinLines(const std::vector<std::string> &lines)
{
    QStringList l;
    for (const auto &s : lines)
        l << QString::fromStdString(s);
    return l.join(QLatin1Char('\n'));
}

} // namespace strata::test::drivers
