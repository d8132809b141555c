// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/ImageLoad.h"

#include "engine/Error.h"
#include "engine/image/ArchiveFormat.h"
#include "engine/image/ArchiveInput.h"
#include "engine/image/DirArchiveView.h"
#include "engine/image/DockerArchive.h"
#include "engine/image/LoadExecutor.h"
#include "engine/image/OciLayout.h"
#include "engine/image/StoreTransaction.h"
#include "engine/image/TarArchiveView.h"

#include <memory>

namespace strata::engine::image {

LoadResult loadArchive(ImageStore &store, const std::filesystem::path &input)
{
    const std::string name = input == "-" ? std::string("stdin") : input.string();
    return withErrorContext(name, [&] {
        DeferredSyncScope deferredSync(store); // after the transaction's end: a rollback is synced too
        auto held = store.lock();
        PreparedInput prepared = prepareInput(input, store.layout().tmpDir());
        std::unique_ptr<ArchiveView> view;
        if (prepared.directory)
            view = std::make_unique<DirArchiveView>(prepared.path, name);
        else
            view = std::make_unique<TarArchiveView>(prepared.path, name);
        const ArchiveKind kind = detectArchiveKind(*view);
        const std::vector<PlannedImage> plans =
            kind == ArchiveKind::DockerArchive ? planDockerArchive(*view) : planOciLayout(*view);

        StoreTransaction transaction(store);
        LoadResult result{executeLoad(store, *view, plans)};
        transaction.commit();
        return result;
    });
}

} // namespace strata::engine::image
