// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The engine's facade: Docker's verbs, one call each. Front ends (CLI, GUI,
// lessons) use only this and the plain types it returns.
namespace strata::engine {
class Engine;
}
