// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Thrown by a command that already printed its errors (rmi of several
// images, inspect of several objects) to end with a given exit status.

namespace strata::engine::cli {

struct ExitStatus {
    int code = 1;
};

} // namespace strata::engine::cli
