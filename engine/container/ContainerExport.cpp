// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/ContainerExport.h"

#include "engine/Error.h"
#include "engine/fs/drivers/ExcludedPaths.h"
#include "engine/image/ArchiveInput.h"
#include "engine/layer/LayerWriter.h"
#include "engine/util/Fs.h"

#include <algorithm>
#include <unistd.h>

namespace strata::engine::container {

ExportResult exportContainer(const ContainerFs &container, layer::ByteSink &sink, events::EventBus &bus,
                             const std::string &outputLabel)
{
    const MountedUnion mounted(container);
    layer::ChangeSet all = layer::allPathsAsAdded(mounted.root());
    const fs::drivers::ExcludedPaths excluded(container.mounts);
    if (!excluded.empty())
        std::erase_if(all, [&](const layer::Change &c) { return excluded.hides(c.path); });
    const layer::WriteResult written = layer::writeLayer(all, mounted.root(), sink);
    ExportResult result{written.entries, written.tarSize};
    bus.publish(events::EventKind::ContainerExported, container.id,
                {{"output", outputLabel}, {"entries", result.entries}, {"bytes", result.bytes}});
    return result;
}

ExportResult exportContainerToFile(const ContainerFs &container, const std::filesystem::path &output,
                                   events::EventBus &bus)
{
    const std::filesystem::path dir = output.has_parent_path() ? output.parent_path() : std::filesystem::path(".");
    image::TempFile temp(dir, "." + output.filename().string() + ".tmp-", 0600);
    ExportResult result;
    {
        auto sink = layer::makeFdSink(temp.fd(), output.string());
        result = exportContainer(container, *sink, bus, output.string());
    }
    if (::fsync(temp.fd()) != 0)
        throwErrno("fsync " + temp.path().string());
    temp.close();
    fsutil::renamePath(temp.path(), output);
    temp.release();
    fsutil::fsyncDir(dir);
    return result;
}

} // namespace strata::engine::container
