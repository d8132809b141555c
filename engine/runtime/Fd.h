// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The fd owner (util::UniqueFd) under the runtime's name, and the
// few loops every runtime file needs around read/write (EINTR, short writes).

#include "engine/util/UniqueFd.h"

#include <string>
#include <string_view>
#include <utility>

namespace strata::engine::runtime {

using UniqueFd = util::UniqueFd; // the engine's one fd owner

// Writes everything (retrying EINTR and short writes); false on error
// (errno set). Async-signal-safe: usable between fork and exec.
bool writeAll(int fd, const void *data, size_t size) noexcept;
inline bool writeAll(int fd, std::string_view s) noexcept { return writeAll(fd, s.data(), s.size()); }
// One read() retrying EINTR; returns what read() returns.
long readSome(int fd, void *buf, size_t size) noexcept;
// Reads to EOF (blocking fd). Throws Io on error.
[[nodiscard]] std::string readToEnd(int fd);

void setNonBlocking(int fd, bool on = true);
void setCloseOnExec(int fd, bool on = true);

// A pipe whose ends are close-on-exec.
struct Pipe {
    UniqueFd read;
    UniqueFd write;
};
[[nodiscard]] Pipe makePipe();

} // namespace strata::engine::runtime
