// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/interop/TreeListing.h"

#include "engine/util/Digest.h"
#include "tests/support/TestSupport.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <vector>

namespace strata::test {
namespace {

std::string octalMode(unsigned mode)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04o", mode & 07777u);
    return buf;
}

std::string typeOf(mode_t m)
{
    if (S_ISREG(m))
        return "file";
    if (S_ISDIR(m))
        return "dir";
    if (S_ISLNK(m))
        return "symlink";
    if (S_ISFIFO(m))
        return "fifo";
    if (S_ISCHR(m))
        return "chr";
    if (S_ISBLK(m))
        return "blk";
    return "socket";
}

std::string describe(const std::string &type, const std::string &mode, const std::string &size,
                     const std::string &sha256, const std::string &target)
{
    // Symlink permission bits are meaningless on Linux (always 0777 on disk,
    // whatever the tar header said), so they are not compared.
    std::string d = type + (type == "symlink" ? std::string() : " " + mode);
    if (type == "file")
        d += " " + size + " " + sha256;
    if (type == "symlink")
        d += " -> " + target;
    return d;
}

} // namespace

TreeListing TreeListing::fromDirectory(const std::filesystem::path &root)
{
    TreeListing t;
    std::map<std::pair<dev_t, ino_t>, std::set<std::string>> byInode;
    for (auto it = std::filesystem::recursive_directory_iterator(root);
         it != std::filesystem::recursive_directory_iterator(); ++it) {
        struct stat st {};
        if (::lstat(it->path().c_str(), &st) != 0)
            continue;
        // lexically: relative() would resolve symlinks and name their targets.
        const std::string rel = it->path().lexically_relative(root).string();
        std::string target, sha;
        if (S_ISLNK(st.st_mode))
            target = std::filesystem::read_symlink(it->path()).string();
        if (S_ISREG(st.st_mode)) {
            sha = engine::Digest::ofBytes(readFile(it->path())).hex();
            if (st.st_nlink > 1)
                byInode[{st.st_dev, st.st_ino}].insert(rel);
        }
        t.entries[rel] = describe(typeOf(st.st_mode), octalMode(st.st_mode), std::to_string(st.st_size), sha, target);
    }
    for (auto &[ino, paths] : byInode)
        if (paths.size() > 1)
            t.linkGroups.insert(paths);
    return t;
}

TreeListing TreeListing::fromStrataTree(const nlohmann::json &tree)
{
    TreeListing t;
    std::map<long long, std::set<std::string>> groups;
    for (const auto &e : tree) {
        const std::string path = e.at("path");
        const std::string type = e.at("type");
        const std::string size = e.contains("size") ? std::to_string(e.at("size").get<long long>()) : "0";
        // strata writes "01777", stat-derived listings "1777": compare numbers.
        const unsigned mode = static_cast<unsigned>(std::stoul(e.value("mode", std::string("0")), nullptr, 8));
        t.entries[path] = describe(type, octalMode(mode), size, e.value("sha256", std::string()),
                                   e.value("target", std::string()));
        if (e.contains("link_group"))
            groups[e.at("link_group").get<long long>()].insert(path);
    }
    for (auto &[id, paths] : groups)
        if (paths.size() > 1)
            t.linkGroups.insert(paths);
    return t;
}

std::string TreeListing::diff(const TreeListing &other) const
{
    std::vector<std::string> lines;
    for (const auto &[p, d] : entries) {
        const auto it = other.entries.find(p);
        if (it == other.entries.end())
            lines.push_back("only left:  " + p + " " + d);
        else if (it->second != d)
            lines.push_back("differs:    " + p + ": " + d + " | " + it->second);
    }
    for (const auto &[p, d] : other.entries)
        if (!entries.count(p))
            lines.push_back("only right: " + p + " " + d);
    if (linkGroups != other.linkGroups)
        lines.push_back("hardlink groups differ (" + std::to_string(linkGroups.size()) + " vs " +
                        std::to_string(other.linkGroups.size()) + ")");
    std::string out;
    for (std::size_t i = 0; i < lines.size() && i < 12; ++i)
        out += lines[i] + "\n";
    if (lines.size() > 12)
        out += "... " + std::to_string(lines.size() - 12) + " more\n";
    return out;
}

} // namespace strata::test
