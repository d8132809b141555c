// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/Platform.h"

#include <map>
#include <sys/utsname.h>

namespace strata::engine::platform {

std::string hostArchitecture()
{
    static const std::map<std::string, std::string> goNames = {
        {"x86_64", "amd64"}, {"aarch64", "arm64"}, {"armv7l", "arm"},     {"armv6l", "arm"},
        {"i686", "386"},     {"i386", "386"},      {"ppc64le", "ppc64le"}, {"s390x", "s390x"},
        {"riscv64", "riscv64"}};
    struct utsname u {};
    if (::uname(&u) != 0)
        return "amd64";
    auto it = goNames.find(u.machine);
    return it != goNames.end() ? it->second : std::string(u.machine);
}

std::string hostOs()
{
    return "linux";
}

} // namespace strata::engine::platform
