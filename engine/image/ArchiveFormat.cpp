// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/ArchiveFormat.h"

#include "engine/Error.h"

namespace strata::engine::image {

const char *toString(ArchiveKind kind)
{
    return kind == ArchiveKind::DockerArchive ? "docker-archive" : "oci-layout";
}

ArchiveKind detectArchiveKind(const ArchiveView &view)
{
    if (view.resolve("manifest.json"))
        return ArchiveKind::DockerArchive;
    if (view.resolve("index.json") || view.resolve("oci-layout"))
        return ArchiveKind::OciLayout;
    if (view.resolve("repositories"))
        throw Error(ErrorCode::Unsupported,
                    "legacy image archive (pre Docker 1.10, no manifest.json) is not supported");
    throw Error(ErrorCode::InvalidArchive,
                "not an image archive: found neither manifest.json (docker-archive) nor index.json (OCI layout)");
}

} // namespace strata::engine::image
