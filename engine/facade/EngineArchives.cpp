// SPDX-License-Identifier: GPL-3.0-or-later
// The facade's archive verbs: load, save, import. The formats live in
// engine/image; this file only translates between facade and module types.
#include "engine/facade/EngineState.h"
#include "engine/image/ImageImport.h"
#include "engine/image/ImageLoad.h"
#include "engine/image/ImageSave.h"

namespace strata::engine {

namespace {

image::SaveFormat toSaveFormat(ArchiveFormat format)
{
    switch (format) {
    case ArchiveFormat::DockerArchive:
        return image::SaveFormat::DockerArchive;
    case ArchiveFormat::OciArchive:
        return image::SaveFormat::OciArchive;
    case ArchiveFormat::OciDirectory:
        return image::SaveFormat::OciDirectory;
    }
    return image::SaveFormat::DockerArchive;
}

} // namespace

std::vector<LoadedImage> Engine::load(const std::filesystem::path &input)
{
    std::vector<LoadedImage> loaded;
    for (auto &one : image::loadArchive(m_impl->images, input).images)
        loaded.push_back(LoadedImage{one.id, std::move(one.tags)});
    return loaded;
}

void Engine::save(const std::vector<std::string> &refs, const std::filesystem::path &output, ArchiveFormat format)
{
    image::saveImages(m_impl->images, refs, output, toSaveFormat(format));
}

Digest Engine::importImage(const std::filesystem::path &input, const std::optional<std::string> &repoTag,
                           const ImportOptions &options)
{
    image::ImportOptions imageOptions;
    imageOptions.message = options.message;
    imageOptions.changes = options.changes;
    return image::importTarball(m_impl->images, input, repoTag, imageOptions).id;
}

} // namespace strata::engine
