// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: image references as Docker parses them.
#include "engine/Error.h"
#include "engine/image/Reference.h"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace strata::engine;
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    try {
        const image::Reference r = image::Reference::parse(text);
        (void)r.familiarName();
        (void)image::Reference::parse(text, false);
    } catch (const Error &) {
    }
    return 0;
}
