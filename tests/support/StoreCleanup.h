// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Clears a store a test played lessons on: every container removed (force),
// every user network pruned. What lessons leave running (web servers, lesson
// 14's networks with their bridges on the host) must go before the store's
// temporary directory does, or it outlives the test on the host.

#include <QString>

namespace strata::test {

// True when the store has no container left (ps -a is empty) afterwards;
// false, with a warning naming what stayed, otherwise.
[[nodiscard]] bool clearStore(const QString &root);

} // namespace strata::test
