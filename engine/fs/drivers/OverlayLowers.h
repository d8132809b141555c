// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Getting store layers into a shape overlayfs can mount.
//
// 1. Whiteouts. The store keeps each layer as its tar said, OCI markers
//    (".wh.NAME", ".wh..wh..opq"); overlayfs understands only 0/0 character
//    devices and the opaque xattr. Each layer that holds markers gets a
//    converted sibling, layers/<chain>/ovl, made once, lazily, on its first
//    mount: the same directory tree with every regular file *hardlinked* to
//    the one in diff/ (no data copied; overlayfs never writes to a lower, and
//    copy-up makes a new inode in the upper dir), each marker replaced by a
//    whiteout device, each opaque directory given trusted.overlay.opaque=y.
//    Rootless mounts (userxattr) read user.overlay.opaque instead and get
//    their own sibling, ovl-user: one view cannot carry both, because the
//    xattr a mount does not treat as its own is an ordinary one and a
//    copy-up would carry it into the container layer. A layer without
//    markers gets ovl -> diff, a symlink, after one readdir walk; so does a
//    layer the store already keeps in overlay spelling (root only: its
//    opaque xattrs are trusted.*, which a rootless mount does not read). Built in a temp dir and renamed into place, so two
//    processes mounting the same image at once cannot see half of one.
//    Why not convert diff/ in place and flip layer.json's "whiteouts"? The
//    store would then hold trusted.* xattrs an unprivileged reader cannot
//    even see (UnionView in a rootless CLI would miss opaque directories),
//    its spelling would depend on which driver touched it last, and the
//    store module's files would be rewritten by another module. The sibling
//    is a disposable cache: deleting the layer directory deletes it too.
//
// 2. Short names. The kernel takes mount options in one page (4096 bytes);
//    120 lowers at ~90 bytes of absolute path each do not fit. As Docker's
//    overlay2 does (l/<26 chars>), each view gets a 26-character symlink in
//    the links dir, remembered in layers/<chain>/link, and the mount names
//    lowers relative to the links dir: 27 bytes per layer, ~145 layers.

#include "engine/fs/drivers/UnionDriver.h"

#include <filesystem>
#include <string>

namespace strata::engine::fs::drivers {

// Which opaque xattr a mount reads: trusted.overlay.* (root), or
// user.overlay.* with the "userxattr" option (inside a user namespace).
enum class OverlayXattrs { Trusted, User };

// Where the converted view and the link-name file of a lower live:
// ".../<layer>/diff" -> ".../<layer>/ovl" and ".../<layer>/link" (User:
// "ovl-user", "link-user"); a lower dir not named "diff" gets "<dir>.ovl",
// "<dir>.link" and so on.
[[nodiscard]] std::filesystem::path overlayViewPath(const std::filesystem::path &lowerDir, OverlayXattrs xattrs);
[[nodiscard]] std::filesystem::path linkNamePath(const std::filesystem::path &lowerDir, OverlayXattrs xattrs);

// The directory overlayfs should read for lowers[index], made on first use.
// The layers below it (the same for every image: a layer is its chain)
// decide where its markers below a symlinked directory act
// (fs/MarkersBelowSymlink.h). Throws PermissionDenied when whiteout devices
// or the xattr cannot be made.
[[nodiscard]] std::filesystem::path prepareOverlayView(const Lowers &lowers, std::size_t index, OverlayXattrs xattrs);

class ShortLinks {
public:
    explicit ShortLinks(std::filesystem::path linksDir) : m_dir(std::move(linksDir)) {}

    // The name (26 characters, [A-Z0-9]) of the symlink in the links dir that
    // points at `view`; created on first use and recorded in `linkFile`.
    [[nodiscard]] std::string linkFor(const std::filesystem::path &linkFile, const std::filesystem::path &view);
    // Removes links whose layer is gone (the store deletes layer dirs whole).
    void pruneDangling();
    [[nodiscard]] const std::filesystem::path &dir() const { return m_dir; }

    static constexpr std::size_t kNameLength = 26;

private:
    void pointLinkAt(const std::string &name, const std::filesystem::path &view);

    std::filesystem::path m_dir;
};

} // namespace strata::engine::fs::drivers
