// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/CliContext.h"

#include "engine/Error.h"
#include "engine/store/StoreExposure.h"

#include <unistd.h>

namespace strata::engine::cli {

CliContext::~CliContext()
{
    if (endsProcess)
        (void)m_engine.release();
}

Engine &CliContext::engine()
{
    if (m_external)
        return *m_external;
    // A verb without a host side yet must not fall back to the local store
    // when the user asked for a host.
    if (auto *h = remoteHost())
        throw Error(ErrorCode::Unsupported, h->api().errorPrefix() +
                                                    "this verb works on Strata's own store only (drop -H/DOCKER_HOST)");
    if (!m_engine) {
        EngineOptions options;
        options.root = root;
        options.driver = driver;
        m_engine = std::make_unique<Engine>(options);
        if (auto warning = store::storeExposureWarning(m_engine->root()))
            err << *warning << "\n";
        m_engine->ensureBuiltinImages();
    }
    return *m_engine;
}

remote::RemoteHost *CliContext::remoteHost()
{
    if (!m_remoteChosen && !m_external) {
        m_remoteChosen = true;
        if (auto url = remote::chooseHost(host, context, tls))
            m_remote = std::make_unique<remote::RemoteHost>(*url);
    }
    return m_remote.get();
}

bool CliContext::stdoutIsTerminal() const
{
    return !m_captured && ::isatty(STDOUT_FILENO) == 1;
}

bool CliContext::stderrIsTerminal() const
{
    return !m_captured && ::isatty(STDERR_FILENO) == 1;
}

} // namespace strata::engine::cli
