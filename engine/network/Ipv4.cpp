// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/network/Ipv4.h"

#include <arpa/inet.h>

namespace strata::engine::network {

std::optional<std::uint32_t> parseIpv4(const std::string &text)
{
    in_addr a{};
    if (::inet_pton(AF_INET, text.c_str(), &a) != 1)
        return std::nullopt;
    return ntohl(a.s_addr);
}

std::string formatIpv4(std::uint32_t address)
{
    in_addr a{};
    a.s_addr = htonl(address);
    char buf[INET_ADDRSTRLEN] = {};
    ::inet_ntop(AF_INET, &a, buf, sizeof buf);
    return buf;
}

std::optional<Subnet> parseSubnet(const std::string &text)
{
    const auto slash = text.find('/');
    if (slash == std::string::npos)
        return std::nullopt;
    const auto address = parseIpv4(text.substr(0, slash));
    const std::string bits = text.substr(slash + 1);
    if (!address || bits.empty() || bits.size() > 2 || bits.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    Subnet s;
    s.prefix = std::stoi(bits);
    if (s.prefix > 32)
        return std::nullopt;
    s.base = *address & s.mask();
    return s;
}

} // namespace strata::engine::network
