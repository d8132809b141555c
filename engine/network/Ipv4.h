// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// IPv4 addresses and subnets as the network commands take them
// ("172.18.0.0/16", "172.18.0.1"): parsing, overlap and membership.

#include <cstdint>
#include <optional>
#include <string>

namespace strata::engine::network {

[[nodiscard]] std::optional<std::uint32_t> parseIpv4(const std::string &text);
[[nodiscard]] std::string formatIpv4(std::uint32_t address);

struct Subnet {
    std::uint32_t base = 0; // host bits zero
    int prefix = 0;

    [[nodiscard]] std::uint32_t mask() const { return prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix); }
    [[nodiscard]] bool contains(std::uint32_t a) const { return (a & mask()) == base; }
    [[nodiscard]] bool overlaps(const Subnet &o) const
    {
        const std::uint32_t m = prefix < o.prefix ? mask() : o.mask();
        return (base & m) == (o.base & m);
    }
    // The first host address: Docker's default gateway.
    [[nodiscard]] std::uint32_t firstHost() const { return base + 1; }
    [[nodiscard]] std::string text() const { return formatIpv4(base) + "/" + std::to_string(prefix); }
};

// "a.b.c.d/n"; host bits are cleared as Docker does. nullopt when malformed.
[[nodiscard]] std::optional<Subnet> parseSubnet(const std::string &text);

} // namespace strata::engine::network
