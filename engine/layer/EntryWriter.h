// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Creates one tar entry in the layer tree: files, directories, symlinks,
// hardlinks, fifos and devices, with the layer spec's replacement rules
// (image-spec layer.md "Changes"): an entry replaces whatever non-directory
// is there, a non-directory entry replaces a directory (and its contents),
// and a directory entry over a directory merges, keeping the contents.
// Metadata follows the order the kernel forces: chown before chmod (chown
// clears setuid/setgid) and before security.capability (chown drops it too),
// times last; directory modes and times wait until the end, because writing
// the contents would change the times and a 0555 mode would block them.

#include "engine/layer/DirectoryFixups.h"
#include "engine/layer/LayerApplier.h"
#include "engine/layer/LayerTree.h"
#include "engine/layer/TarEntry.h"
#include "engine/layer/WritebackPacer.h"

#include <ctime>
#include <sys/types.h>
#include <string>
#include <utility>

namespace strata::engine::layer {

class EntryWriter {
public:
    EntryWriter(LayerTree &tree, const ApplyOptions &options);

    // Creates `entry` at `name` (normalised; "" is the root). Throws Error.
    void write(const TarEntry &entry, const std::string &name, DataReader &data);
    // Writes `entry` as an empty regular file: whiteout markers kept as they are.
    void writeEmptyFile(const TarEntry &entry, const std::string &name);
    // Sets the held-back directory modes and times. Call once, after the last entry.
    void finish();

    [[nodiscard]] std::uint64_t contentBytes() const { return m_contentBytes; }

private:
    struct Target {
        int dirFd = -1;   // the real parent directory
        std::string base; // the entry's last component
        std::string path; // the real path, relative to the root
    };
    Target prepare(const std::string &name);
    void writeFile(const TarEntry &entry, const Target &t, DataReader *data);
    void writeDirectory(const TarEntry &entry, const Target &t, const std::string &name);
    void writeRoot(const TarEntry &entry);
    void writeSymlink(const TarEntry &entry, const Target &t);
    void writeHardlink(const TarEntry &entry, const Target &t);
    // An fd for the directory holding the hardlink target, and its name there.
    std::pair<int, std::string> hardlinkTarget(const std::string &link);
    void writeNode(const TarEntry &entry, const Target &t);
    // True when the data came as one stretch from 0 to entry.size (not sparse).
    bool copyData(int fd, const TarEntry &entry, DataReader &data);
    // Runs `create`; when the name is taken, removes what is there and runs it again.
    template <typename Create>
    void createReplacing(const Target &t, Create &&create, const char *what);
    void setOwner(int dirFd, const std::string &base, const TarEntry &entry);
    void setXattrs(int fd, const std::string &path, const TarEntry &entry);

    // The mode a new file gets from openat itself, when creation already
    // gives what the entry asks (owner and mode), else 0600 and the
    // fchown/fchmod that follow: two system calls fewer per ordinary file.
    [[nodiscard]] bool ownerFromCreation(const TarEntry &entry) const;
    [[nodiscard]] unsigned creationMode(const TarEntry &entry, bool ownerFromCreation) const;

    LayerTree &m_tree;
    const ApplyOptions &m_options;
    unsigned m_umask = 0777;       // the process umask; 0777 when unknown (never trusted)
    bool m_creationOwnerKnown = false; // Diff mode, root not setgid: new files get our uid/gid
    uid_t m_euid;
    gid_t m_egid;
    DirectoryFixups m_directories;
    std::uint64_t m_contentBytes = 0;
    WritebackPacer m_writeback; // last: destroyed (its thread joined) first
};

[[nodiscard]] timespec entryAtime(const TarEntry &entry);

} // namespace strata::engine::layer
