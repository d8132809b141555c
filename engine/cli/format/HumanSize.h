// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Sizes as Docker prints them, following github.com/docker/go-units (hence
// the namespace: units::humanSize is go-units' HumanSize):
//   docker images / history / ps SIZE  -> humanSizeWithPrecision(size, 3)
//                                          "1.24MB", "4.86kB", "0B", "1e+03kB"
//   images' SharedSize/UniqueSize, volume ls SIZE -> humanSize(size)   "2.746MB"
//   memory and other binary sizes      -> bytesSize(size)              "1.5MiB"
// Decimal units step by 1000 ("kB" with a lower-case k), binary by 1024.
// The number is Go's %.<n>g, so it keeps n significant digits, drops
// trailing zeros, and switches to exponent form when rounding carries into a
// fourth integer digit (999999 bytes is "1e+03kB" - a go-units quirk Docker
// shows too).

#include <string>

namespace strata::engine::cli::units {

// units.HumanSizeWithPrecision: decimal units, `precision` significant digits.
[[nodiscard]] std::string humanSizeWithPrecision(double size, int precision);

// units.HumanSize: humanSizeWithPrecision(size, 4).
[[nodiscard]] std::string humanSize(double size);

// units.BytesSize: binary units (KiB, MiB, ...), 4 significant digits.
[[nodiscard]] std::string bytesSize(double size);

} // namespace strata::engine::cli::units
