// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `docker export`: the container's merged root file system as one flat tar:
// what the container sees, every layer folded in, no whiteouts, no history.
// A stopped container's union is mounted for the duration. Contents of
// mount points (volumes, binds) are not part of the container and are left
// out; the mount point directories stay.

#include "engine/container/ContainerFs.h"
#include "engine/events/EventBus.h"
#include "engine/layer/ByteStream.h"

#include <cstdint>
#include <filesystem>

namespace strata::engine::container {

struct ExportResult {
    std::uint64_t entries = 0;
    std::uint64_t bytes = 0; // tar bytes
};

// To any sink (stdout, a pipe, a test string).
ExportResult exportContainer(const ContainerFs &container, layer::ByteSink &sink, events::EventBus &bus,
                             const std::string &outputLabel = "-");

// To a file, atomically: a temp file beside it (mode 0600, as docker's
// CLI writes it) renamed over `output` once complete.
ExportResult exportContainerToFile(const ContainerFs &container, const std::filesystem::path &output,
                                   events::EventBus &bus);

} // namespace strata::engine::container
