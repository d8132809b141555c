// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/TransferPrinter.h"

#include "engine/cli/format/HumanSize.h"

#include <algorithm>

namespace strata::engine::cli {
namespace {

// jsonmessage.JSONProgress.String(): "[=====>     ]  1.2MB/3.4MB".
std::string progressBar(const registry::ProgressMessage &m)
{
    if (m.current == 0 && m.total == 0)
        return {};
    if (m.total == 0)
        return units::humanSize(static_cast<double>(m.current));
    int filled = static_cast<int>(static_cast<double>(m.current) / static_cast<double>(m.total) * 100) / 2;
    filled = std::min(filled, 50);
    std::string bar = "[" + std::string(static_cast<std::size_t>(filled), '=') + ">" +
                      std::string(static_cast<std::size_t>(50 - filled), ' ') + "] ";
    if (m.current > m.total)
        return bar;
    std::string current = units::humanSize(static_cast<double>(m.current));
    if (current.size() < 8)
        current.insert(0, 8 - current.size(), ' ');
    return bar + current + "/" + units::humanSize(static_cast<double>(m.total));
}

} // namespace

void TransferPrinter::operator()(const registry::ProgressMessage &m)
{
    const bool counted = m.current != 0 || m.total != 0;
    if (!m_terminal) {
        if (m.progress && counted)
            return;
        m_out << (m.id.empty() ? "" : m.id + ": ") << m.status << "\n" << std::flush;
        return;
    }
    std::size_t diff = 0;
    if (!m.id.empty() && m.progress) {
        auto it = m_lines.find(m.id);
        if (it == m_lines.end()) {
            it = m_lines.emplace(m.id, m_lines.size()).first;
            m_out << "\n";
        }
        diff = m_lines.size() - it->second;
        m_out << "\033[" << diff << "A";
    } else {
        m_lines.clear(); // a plain line ends the previous group, as Docker's
    }
    const std::string bar = m.progress ? progressBar(m) : std::string();
    m_out << "\r\033[2K" << (m.id.empty() ? "" : m.id + ": ") << m.status << (bar.empty() ? "" : " " + bar);
    if (diff > 0)
        m_out << "\033[" << diff << "B";
    else
        m_out << "\n";
    m_out << std::flush;
}

registry::ProgressSink TransferPrinter::sink(bool quiet)
{
    if (quiet)
        return {};
    return [this](const registry::ProgressMessage &m) { (*this)(m); };
}

} // namespace strata::engine::cli
