// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Removes every container of a store, as `rm -f` on each, again until none
// is left: a lesson's reset (and a test's clean-up) must not leave one
// running. Under load a SIGKILLed container can take longer to go than one
// `rm -f` waits, and an --rm container may be removing itself meanwhile:
// only one still there at the deadline is an error.

#include <chrono>

namespace strata::engine {
class Engine;
}

namespace strata::engine::lesson {

// Throws Conflict "could not remove container NAME: <the engine's reason>"
// when one is left at the deadline.
void removeEveryContainer(Engine &engine, std::chrono::milliseconds deadline);

} // namespace strata::engine::lesson
