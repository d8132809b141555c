// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// SHA-256 in plain C++ (FIPS 180-4, section 6.2), one shot. Several times
// slower than OpenSSL's, but needs no library: Digest::ofBytes hashes the
// few small inputs of a short command (the image config and manifest `run`
// reads, chain ids) with it, so such a command never loads libcrypto.

#include <array>
#include <cstddef>
#include <cstdint>

namespace strata::engine {

[[nodiscard]] std::array<std::uint8_t, 32> sha256Portable(const void *data, std::size_t size);

} // namespace strata::engine
