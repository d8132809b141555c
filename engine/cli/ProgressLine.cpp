// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/ProgressLine.h"

#include "engine/cli/CliContext.h"
#include "engine/cli/Output.h"

namespace strata::engine::cli {

ProgressLine::ProgressLine(CliContext &ctx) : m_ctx(ctx)
{
    if (ctx.stderrIsTerminal())
        m_subscription = ctx.engine().events().subscribe([this](const events::Event &e) { show(e); });
}

ProgressLine::~ProgressLine()
{
    if (m_subscription)
        m_ctx.engine().events().unsubscribe(m_subscription);
    if (m_shown)
        m_ctx.err << "\r\033[K" << std::flush;
}

void ProgressLine::show(const events::Event &e)
{
    using events::EventKind;
    if (e.kind != EventKind::LayerProgress && e.kind != EventKind::LayerExtracted &&
        e.kind != EventKind::LayerExtractStarted && e.kind != EventKind::Progress)
        return;
    const auto now = std::chrono::steady_clock::now();
    if (e.kind == EventKind::LayerProgress && now - m_last < std::chrono::milliseconds(100))
        return;
    m_last = now;
    const auto &a = e.attrs;
    std::string text;
    if (e.kind == EventKind::Progress) {
        text = a.value("label", std::string("Working")) + "  " + std::to_string(a.value("current", 0)) + "/" +
               std::to_string(a.value("total", 0));
    } else {
        text = "Loading layer " + std::to_string(a.value("index", 0) + 1);
        if (a.contains("count"))
            text += "/" + std::to_string(a.value("count", 0));
        if (a.contains("files"))
            text += "  " + std::to_string(a.value("files", std::uint64_t{0})) + " files";
        if (a.contains("bytes"))
            text += "  " + humanSize(a.value("bytes", std::uint64_t{0}));
        if (e.kind == EventKind::LayerExtracted)
            text += "  done";
    }
    m_ctx.err << "\r\033[K" << text << std::flush;
    m_shown = true;
}

} // namespace strata::engine::cli
