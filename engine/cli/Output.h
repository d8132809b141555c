// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The small vocabulary commands print with, on top of engine/cli/format
// (Docker's formatter, Go templates, go-units): sizes, ages, truncation.

#include "engine/cli/format/DockerFormat.h"

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace strata::engine::cli {

// Writes the rows through Docker's list formatter (table, template, json).
void printList(std::ostream &out, const ListFormat &format, const std::vector<nlohmann::ordered_json> &rows);

// `volume inspect`, `network inspect`: each name's JSON through the inspect
// formatter; names that are NotFound print "Error: …" after the output and
// make the verb exit 1 (ExitStatus), other errors propagate.
void printInspected(std::ostream &out, std::ostream &err, const std::string &format,
                    const std::vector<std::string> &names,
                    const std::function<nlohmann::ordered_json(const std::string &)> &inspect);

// "4.26MB": go-units HumanSizeWithPrecision(size, 3), as `images` prints.
[[nodiscard]] std::string humanSize(std::uint64_t bytes);
// "2 minutes ago" for a unix time.
[[nodiscard]] std::string createdSince(std::int64_t unixSeconds);
// Docker's CreatedAt: Go's time.Time.String() in local time,
// "2024-06-01 00:00:00 +0000 UTC".
[[nodiscard]] std::string createdAt(std::int64_t unixSeconds);
// stringutils.Ellipsis: at most `width` runes, the last one "…" when cut.
[[nodiscard]] std::string ellipsis(const std::string &text, std::size_t width);

} // namespace strata::engine::cli
