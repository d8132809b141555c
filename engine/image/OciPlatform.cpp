// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/OciPlatform.h"

#include "engine/util/Platform.h"

namespace strata::engine::image {
namespace {

std::string field(const Json &j, const char *key)
{
    if (!j.is_object())
        return {};
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

std::string platformString(const Json &platform)
{
    const std::string os = field(platform, "os");
    const std::string arch = field(platform, "architecture");
    if (os.empty() && arch.empty())
        return "unknown";
    std::string s = os + "/" + arch;
    if (const std::string variant = field(platform, "variant"); !variant.empty())
        s += "/" + variant;
    return s;
}

std::string hostPlatformString()
{
    return platform::hostOs() + "/" + platform::hostArchitecture();
}

bool matchesHost(const Json &platform)
{
    return field(platform, "os") == platform::hostOs() && field(platform, "architecture") == platform::hostArchitecture();
}

bool isAttestationPlatform(const Json &platform)
{
    return field(platform, "os") == "unknown" && field(platform, "architecture") == "unknown";
}

} // namespace strata::engine::image
