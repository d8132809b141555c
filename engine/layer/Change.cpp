// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/layer/Change.h"

namespace strata::engine::layer {

char changeLetter(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added: return 'A';
    case ChangeKind::Modified: return 'C';
    case ChangeKind::Deleted: return 'D';
    }
    return '?';
}

std::string_view toString(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added: return "added";
    case ChangeKind::Modified: return "modified";
    case ChangeKind::Deleted: return "deleted";
    }
    return "unknown";
}

} // namespace strata::engine::layer
