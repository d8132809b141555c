// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Docker's per-command formats: the default tables, the quiet and raw
// variants, the column headers and the context types of `docker images`,
// `docker ps`, `docker history` and `docker volume ls`, as docker/cli's
// New*Format functions and *Context headers define them.
//
// `source` is the user's --format; "" (no flag) and "table" select the
// default table. Rows must use the field names of Docker's contexts:
//   images:  Containers CreatedAt CreatedSince Digest ID Repository
//            SharedSize Size Tag UniqueSize VirtualSize
//   ps:      Command CreatedAt ID Image Labels LocalVolumes Mounts Names
//            Networks Ports RunningFor Size State Status (+ Label "k")
//   history: Comment CreatedAt CreatedBy CreatedSince ID Size
//   volumes: Driver Labels Links Mountpoint Name Scope Size (+ Label "k")

#include "engine/cli/format/DockerFormat.h"

#include <string_view>

namespace strata::engine::cli {

// formatter.NewImageFormat; `digests` is --digests (adds a DIGEST column,
// also to a custom table that lacks {{.Digest}}).
[[nodiscard]] ListFormat imageListFormat(std::string_view source, bool quiet, bool digests);

// formatter.NewContainerFormat; `size` is --size (adds a SIZE column).
[[nodiscard]] ListFormat containerListFormat(std::string_view source, bool quiet, bool size);

// image.NewHistoryFormat; `human` is --human (default true): CREATED AT
// instead of CREATED when false.
[[nodiscard]] ListFormat historyListFormat(std::string_view source, bool quiet, bool human);

// formatter.NewVolumeFormat.
[[nodiscard]] ListFormat volumeListFormat(std::string_view source, bool quiet);

// The Label(name) method of Docker's container and volume contexts, reading
// the row's "Labels" field ("k=v,k2=v2", as Docker prints it). A value that
// itself contains "," cannot be recovered from that text.
[[nodiscard]] TemplateMethod labelMethod();

} // namespace strata::engine::cli
