// SPDX-License-Identifier: GPL-3.0-or-later
// writeLayer: plan the entries (sorted, whiteouts named), then for each one
// read the source without following symlinks and emit a header that depends
// only on the file — numeric owners, mode, mtime in whole seconds, no atime
// or ctime, no user/group names — so the same tree always gives the same bytes.
#include "engine/layer/LayerWriter.h"

#include "engine/Error.h"
#include "engine/layer/ArchiveHandles.h"
#include "engine/layer/LayerOutput.h"
#include "engine/layer/SourceTree.h"
#include "engine/layer/TarWriter.h"
#include "engine/layer/WritePlan.h"

#include <map>
#include <sys/sysmacros.h>
#include <vector>

namespace strata::engine::layer {
namespace {

constexpr std::size_t kReadChunk = 256 * 1024;

class LayerTarBuilder {
public:
    LayerTarBuilder(SourceTree &source, TarWriter &tar, const WriteOptions &options)
        : m_source(source), m_tar(tar), m_options(options), m_entry(archive_entry_new()), m_buffer(kReadChunk)
    {
    }

    // Writes one planned entry; false when there was nothing to write.
    bool write(const PlannedEntry &p)
    {
        switch (p.kind) {
        case PlannedEntry::Kind::Path: return writePath(p);
        case PlannedEntry::Kind::Whiteout: return writeMarker(p);
        case PlannedEntry::Kind::Opaque: return writeOpaque(p);
        }
        return false;
    }

private:
    // Whiteout markers: empty regular files owned by 0:0, mode 0644, dated
    // at the epoch, like containerd's (pkg/archive/tar.go) fixed-time headers.
    bool writeMarker(const PlannedEntry &p)
    {
        archive_entry *e = reset(p.tarName);
        archive_entry_set_mode(e, AE_IFREG | 0644);
        archive_entry_set_size(e, 0);
        m_tar.writeHeader(e);
        return true;
    }

    // An opaque marker makes no sense inside a file: skip it when the path is one.
    bool writeOpaque(const PlannedEntry &p)
    {
        const auto node = m_source.find(p.path);
        if (node && !S_ISDIR(node->st.st_mode))
            return false;
        return writeMarker(p);
    }

    bool writePath(const PlannedEntry &p)
    {
        const SourceTree::Node node = m_source.get(p.path);
        if (S_ISSOCK(node.st.st_mode))
            return false; // tar has no sockets; Docker leaves them out too
        archive_entry *e = reset(p.tarName);
        archive_entry_set_mode(e, node.st.st_mode);
        archive_entry_set_uid(e, node.st.st_uid);
        archive_entry_set_gid(e, node.st.st_gid);
        archive_entry_set_mtime(e, clampedMtime(node.st.st_mtim.tv_sec), 0);
        if (writeAsHardlink(e, node, p.tarName))
            return true;
        fillByType(e, node);
        for (const auto &[name, value] : m_source.xattrs(node))
            archive_entry_xattr_add_entry(e, name.c_str(), value.data(), value.size());
        m_tar.writeHeader(e);
        if (S_ISREG(node.st.st_mode))
            copyData(node);
        return true;
    }

    void fillByType(archive_entry *e, const SourceTree::Node &node)
    {
        if (S_ISREG(node.st.st_mode))
            archive_entry_set_size(e, node.st.st_size);
        else if (S_ISLNK(node.st.st_mode))
            archive_entry_copy_symlink(e, m_source.readLink(node).c_str());
        else if (S_ISCHR(node.st.st_mode) || S_ISBLK(node.st.st_mode)) {
            archive_entry_set_rdevmajor(e, major(node.st.st_rdev));
            archive_entry_set_rdevminor(e, minor(node.st.st_rdev));
        }
    }

    // Paths sharing an inode within the change set: the first (in sorted
    // order) carries the content, the rest are hardlink entries to it.
    bool writeAsHardlink(archive_entry *e, const SourceTree::Node &node, const std::string &tarName)
    {
        if (S_ISDIR(node.st.st_mode) || node.st.st_nlink < 2)
            return false;
        const auto [it, first] = m_inodes.try_emplace({node.st.st_dev, node.st.st_ino}, tarName);
        if (first)
            return false;
        archive_entry_set_size(e, 0);
        archive_entry_copy_hardlink(e, it->second.c_str());
        m_tar.writeHeader(e);
        return true;
    }

    void copyData(const SourceTree::Node &node)
    {
        const UniqueFd fd = m_source.openFile(node);
        // Exactly st_size bytes: a file that grew is cut, one that shrank is
        // padded with zeros by libarchive when the entry is finished.
        std::int64_t left = node.st.st_size;
        while (left > 0) {
            const ssize_t n = ::read(fd.get(), m_buffer.data(), std::min<std::size_t>(m_buffer.size(), left));
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                throwErrno("read \"" + node.path + "\"");
            if (n == 0)
                break;
            m_tar.writeData(m_buffer.data(), static_cast<std::size_t>(n));
            left -= n;
        }
    }

    archive_entry *reset(const std::string &tarName)
    {
        archive_entry *e = m_entry.get();
        archive_entry_clear(e);
        archive_entry_copy_pathname(e, tarName.c_str());
        return e;
    }

    std::int64_t clampedMtime(std::int64_t mtime) const
    {
        return m_options.clampMtime >= 0 && mtime > m_options.clampMtime ? m_options.clampMtime : mtime;
    }

    SourceTree &m_source;
    TarWriter &m_tar;
    const WriteOptions &m_options;
    ArchiveEntry m_entry;
    std::vector<char> m_buffer;
    std::map<std::pair<dev_t, ino_t>, std::string> m_inodes; // first tar name per shared inode
};

} // namespace

WriteResult writeLayer(const ChangeSet &changes, const std::filesystem::path &sourceRoot, ByteSink &sink,
                       const WriteOptions &options)
{
    const ScopedUtf8Locale utf8;
    const std::vector<PlannedEntry> plan = planEntries(changes);
    SourceTree source(sourceRoot);
    LayerOutput output(sink, options.compression);
    WriteResult result;
    {
        TarWriter tar(output);
        LayerTarBuilder builder(source, tar, options);
        for (const PlannedEntry &p : plan)
            result.entries += withErrorContext("layer path \"" + p.path + "\"", [&] { return builder.write(p); });
        tar.close();
    }
    output.finish();
    result.blobDigest = output.blobDigest();
    result.diffId = output.diffId();
    result.blobSize = output.blobSize();
    result.tarSize = output.tarSize();
    return result;
}

} // namespace strata::engine::layer
