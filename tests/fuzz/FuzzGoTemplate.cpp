// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: Go templates (--format) through the lexer and parser.
#include "engine/Error.h"
#include "engine/cli/format/TemplateParser.h"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace strata::engine;
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    try {
        (void)cli::tmpl::parse(text, [](std::string_view name) {
            return name == "json" || name == "index" || name == "printf" || name == "len" || name == "join";
        });
    } catch (const Error &) {
    }
    return 0;
}
