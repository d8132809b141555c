// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/ImageSave.h"

#include "engine/Error.h"
#include "engine/image/ArchiveInput.h"
#include "engine/image/DirSink.h"
#include "engine/image/DockerArchiveSave.h"
#include "engine/image/OciLayoutSave.h"
#include "engine/image/SaveSet.h"
#include "engine/image/TarSink.h"
#include "engine/util/Fs.h"

#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::engine::image {
namespace fs = std::filesystem;
namespace {

fs::path parentOf(const fs::path &p)
{
    return p.has_parent_path() ? p.parent_path() : fs::path(".");
}

// Temp file beside the target (same file system), renamed over it when complete.
void writeTarFile(const ArchiveContents &contents, const fs::path &out, const ArchiveContents::Progress &progress)
{
    const fs::path dir = parentOf(out);
    TempFile temp(dir, "." + out.filename().string() + ".tmp-", 0666); // umask applies, as for `docker save -o`
    TarSink sink(temp.fd(), out.string());
    contents.writeTo(sink, progress);
    if (::fsync(temp.fd()) != 0)
        throwErrno("fsync " + temp.path().string());
    temp.close();
    fsutil::renamePath(temp.path(), out);
    temp.release();
    fsutil::fsyncDir(dir);
}

// Puts the finished layout at `out`: a fresh name, an empty directory or an
// older OCI layout (swapped atomically with renameat2, then removed).
void install(fsutil::TempDir &built, const fs::path &out)
{
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(out, ec))) {
        fsutil::renamePath(built.path(), out);
        built.release();
        return;
    }
    if (!fs::is_directory(fs::symlink_status(out, ec)))
        throw Error(ErrorCode::Conflict, out.string() + " exists and is not a directory");
    if (fs::is_empty(out, ec)) {
        if (::rmdir(out.c_str()) != 0)
            throwErrno("remove " + out.string());
        fsutil::renamePath(built.path(), out);
        built.release();
        return;
    }
    if (!fs::exists(out / "oci-layout", ec))
        throw Error(ErrorCode::Conflict, out.string() + " is a non-empty directory that is not an OCI layout; not replacing it");
    if (::renameat2(AT_FDCWD, built.path().c_str(), AT_FDCWD, out.c_str(), RENAME_EXCHANGE) != 0)
        throwErrno("replace " + out.string());
    // `built` now names the old layout; its destructor removes it.
}

void writeDirectory(const ArchiveContents &contents, const fs::path &out, const ArchiveContents::Progress &progress)
{
    const fs::path dir = parentOf(out);
    fsutil::TempDir built(dir, "." + out.filename().string() + ".tmp-");
    if (::chmod(built.path().c_str(), 0755) != 0)
        throwErrno("chmod " + built.path().string());
    DirSink sink(built.path());
    contents.writeTo(sink, progress);
    install(built, out);
    fsutil::fsyncDir(dir);
}

} // namespace

const char *toString(SaveFormat format)
{
    switch (format) {
    case SaveFormat::DockerArchive: return "docker-archive";
    case SaveFormat::OciArchive: return "oci-archive";
    case SaveFormat::OciDirectory: return "oci-dir";
    }
    return "docker-archive";
}

void saveImages(ImageStore &store, const std::vector<std::string> &refs, const fs::path &out, SaveFormat format)
{
    if (refs.empty())
        throw Error(ErrorCode::InvalidArgument, "save needs at least one image");
    if (format == SaveFormat::OciDirectory && (out.empty() || out == "-"))
        throw Error(ErrorCode::InvalidArgument, "oci-dir needs a directory to write to");
    auto held = store.lock(); // no garbage collection while blobs are copied out
    const std::vector<SavedImage> images = resolveSaveSet(store, refs);
    ArchiveContents contents;
    if (format == SaveFormat::DockerArchive)
        addDockerArchive(contents, store, images);
    else
        addOciLayout(contents, store, images);

    const std::string target = out == "-" ? std::string("stdout") : out.string();
    auto &bus = store.bus();
    const ArchiveContents::Progress progress = [&](std::size_t done, std::size_t total) {
        bus.publish(events::EventKind::Progress, "save",
                    {{"label", "Saving layers"}, {"current", done}, {"total", total}, {"unit", "layers"}});
    };
    withErrorContext("save " + target, [&] {
        if (format == SaveFormat::OciDirectory) {
            writeDirectory(contents, out, progress);
        } else if (out == "-") {
            TarSink sink(STDOUT_FILENO, target);
            contents.writeTo(sink, progress);
        } else {
            writeTarFile(contents, out, progress);
        }
    });
    for (const auto &image : images)
        bus.publish(events::EventKind::ImageSaved, image.image.id.str(),
                    {{"name", image.tags.empty() ? std::string() : image.tags.front()},
                     {"tags", image.tags},
                     {"format", toString(format)},
                     {"output", target}});
}

} // namespace strata::engine::image
