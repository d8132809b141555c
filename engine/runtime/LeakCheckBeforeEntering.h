// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Under LeakSanitizer (scripts/sanitize.sh), a process's end-of-process
// leak check reads /proc/self and stops the process's threads from a
// tracer clone that watches its parent. A shim that has joined a
// container's mount and pid namespaces has neither: /proc is the
// container's, where the shim has no pid, and the tracer, born in the
// container's pid namespace, sees no parent and quits, while the shim
// waits for it for ever (`exec` hung in every suite that used it). So the
// check runs just before entering; LeakSanitizer then skips the one at
// exit. Outside a sanitizer build this is nothing.

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define STRATA_LEAK_SANITIZER 1
#endif
#elif defined(__SANITIZE_ADDRESS__)
#define STRATA_LEAK_SANITIZER 1
#endif
#ifdef STRATA_LEAK_SANITIZER
#include <sanitizer/lsan_interface.h>
#endif

namespace strata::engine::runtime {

inline void checkLeaksBeforeEnteringContainer()
{
#ifdef STRATA_LEAK_SANITIZER
    __lsan_do_leak_check();
#endif
}

} // namespace strata::engine::runtime
