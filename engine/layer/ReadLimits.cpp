// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/layer/ReadLimits.h"

#include "engine/Error.h"

#include <charconv>
#include <cstdlib>
#include <string_view>

namespace strata::engine::layer {
namespace {

template <typename T>
void override(T &value, const char *variable)
{
    const char *text = std::getenv(variable);
    if (!text || !*text)
        return;
    const std::string_view s(text);
    T parsed{};
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), parsed);
    if (ec != std::errc() || end != s.data() + s.size() || parsed == 0)
        throw Error(ErrorCode::InvalidArgument,
                    std::string(variable) + "=\"" + std::string(s) + "\": expected a positive integer");
    value = parsed;
}

} // namespace

ReadLimits ReadLimits::fromEnvironment()
{
    ReadLimits limits;
    override(limits.maxTarBytes, "STRATA_LAYER_MAX_BYTES");
    override(limits.maxEntries, "STRATA_LAYER_MAX_ENTRIES");
    override(limits.maxFileSize, "STRATA_LAYER_MAX_FILE_SIZE");
    override(limits.maxNameBytes, "STRATA_LAYER_MAX_NAME");
    override(limits.maxDepth, "STRATA_LAYER_MAX_DEPTH");
    return limits;
}

void capExceeded(const std::string &what, std::uint64_t limit, const char *variable)
{
    throw Error(ErrorCode::InvalidArchive,
                what + " exceeds the cap of " + std::to_string(limit) + " (" + variable + " raises it)");
}

} // namespace strata::engine::layer
