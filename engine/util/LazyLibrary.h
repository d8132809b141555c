// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A shared library opened on first use, for the forwarders that let `strata`
// start without mapping a big library the verb may never call
// (registry/LazyLibcurl.cpp, layer/LazyLibarchive.cpp): each forwarder looks
// its real function up here the first time it runs.

#include <dlfcn.h>
#include <mutex>

namespace strata::engine {

class LazyLibrary {
public:
    explicit LazyLibrary(const char *soname) : m_soname(soname) {}

    // The library, opened once (RTLD_NOW | RTLD_LOCAL); nullptr when it cannot be loaded.
    void *handle()
    {
        std::call_once(m_once, [this] { m_handle = ::dlopen(m_soname, RTLD_NOW | RTLD_LOCAL); });
        return m_handle;
    }

    // The real function called `name`, or nullptr when the library cannot be loaded.
    template <typename Fn> Fn symbol(const char *name)
    {
        void *h = handle();
        return h ? reinterpret_cast<Fn>(::dlsym(h, name)) : nullptr;
    }

private:
    const char *m_soname;
    void *m_handle = nullptr;
    std::once_flag m_once;
};

} // namespace strata::engine
