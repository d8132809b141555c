// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The directory a layer is written from (a container's diff, a build
// context), read without ever following a symlink: a container can plant
// "etc -> /" in its own diff, and a commit must archive the link, not the
// host's /etc behind it.

#include "engine/layer/FsAt.h"

#include <filesystem>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <utility>
#include <vector>

namespace strata::engine::layer {

class SourceTree {
public:
    // Throws NotFound when `root` is missing.
    explicit SourceTree(const std::filesystem::path &root);

    struct Node {
        std::string path; // relative, normalised
        struct stat st {};
    };
    // lstat() of `path`; nullopt when it does not exist. Throws UnsafePath
    // when a parent component is a symlink.
    std::optional<Node> find(const std::string &path);
    // As find(), but a missing path is NotFound.
    Node get(const std::string &path);

    [[nodiscard]] std::string readLink(const Node &node);
    // Opened read-only, O_NOFOLLOW, O_NOATIME where permitted.
    [[nodiscard]] UniqueFd openFile(const Node &node);
    // The extended attributes a layer carries: security.capability (file
    // capabilities, e.g. ping's cap_net_raw) and user.*, sorted by name.
    [[nodiscard]] std::vector<std::pair<std::string, std::string>> xattrs(const Node &node);

private:
    int dirFd(const std::string &dir);

    UniqueFd m_root;
    std::filesystem::path m_rootPath;
    std::string m_dirPath; // what m_dirFd was opened for
    UniqueFd m_dirFd;
};

} // namespace strata::engine::layer
