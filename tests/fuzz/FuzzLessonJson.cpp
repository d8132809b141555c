// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: a lesson file's JSON through the parser and the lesson loader.
#include "engine/Error.h"
#include "engine/lesson/Lesson.h"
#include "engine/util/JsonDepth.h"

#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace strata::engine;
    try {
        const std::string_view text(reinterpret_cast<const char *>(data), size);
        util::requireJsonDepth(text, "fuzz input", ErrorCode::InvalidArgument);
        const auto j = nlohmann::json::parse(text);
        (void)lesson::parseLesson(j);
    } catch (const nlohmann::json::exception &) {
    } catch (const Error &) {
    }
    return 0;
}
