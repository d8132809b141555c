// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/format/HumanSize.h"

#include "engine/cli/format/GoFmt.h"

#include <array>
#include <string_view>

namespace strata::engine::cli::units {

namespace {

constexpr std::array<std::string_view, 9> kDecimalUnits{"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
constexpr std::array<std::string_view, 9> kBinaryUnits{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

// Divides by `base` while the value is at least one unit of the next size,
// stopping at the largest unit (so huge values keep growing in "YB").
template <std::size_t N>
std::string scaled(double size, double base, const std::array<std::string_view, N> &units, int precision)
{
    std::size_t unit = 0;
    while (size >= base && unit < units.size() - 1) {
        size /= base;
        ++unit;
    }
    return goFormatFloatG(size, precision) + std::string(units[unit]);
}

} // namespace

std::string humanSizeWithPrecision(double size, int precision)
{
    return scaled(size, 1000.0, kDecimalUnits, precision);
}

std::string humanSize(double size)
{
    return humanSizeWithPrecision(size, 4);
}

std::string bytesSize(double size)
{
    return scaled(size, 1024.0, kBinaryUnits, 4);
}

} // namespace strata::engine::cli::units
