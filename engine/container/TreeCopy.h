// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The tree copy lives with the file copies (engine/fs/drivers/TreeCopy.h) so
// the volume code can share it; the container verbs name it from here.

#include "engine/fs/drivers/TreeCopy.h"

namespace strata::engine::container {

using fs::drivers::TreeCopy;
using fs::drivers::TreeCopyOptions;
using fs::drivers::TreeCopyStats;

} // namespace strata::engine::container
