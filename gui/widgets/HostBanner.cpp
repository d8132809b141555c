// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/HostBanner.h"

#include <QEvent>

namespace strata::gui {

HostBanner::HostBanner(QWidget *parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("hostBanner"));
    setWordWrap(true);
    setMargin(6);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
}

QString HostBanner::describe(const HostState &s)
{
    using Phase = HostState::Phase;
    switch (s.phase) {
    case Phase::Local:
        return {};
    case Phase::Connecting:
        return s.attempts > 0 ? tr("⟳ Reconnecting to %1 (attempt %2)…").arg(s.url).arg(s.attempts + 1)
                              : tr("⟳ Connecting to %1…").arg(s.url);
    case Phase::Connected:
        return tr("⛁ %1 at %2 — engine %3 (Engine API %4). Changes made on the host show here live; Strata's own store is not touched.")
            .arg(s.engine, s.url, s.version, s.apiVersion);
    case Phase::Lost:
        return tr("⚠ No connection to %1: %2 — next attempt in %n s.", nullptr, s.retryInSeconds).arg(s.url, s.error);
    case Phase::Invalid:
        return tr("⚠ Cannot use this host: %1").arg(s.error);
    }
    return {};
}

void HostBanner::setState(const HostState &state)
{
    m_state = state;
    render();
}

void HostBanner::render()
{
    using Phase = HostState::Phase;
    setVisible(m_state.onHost());
    setText(describe(m_state));
    // The symbol and the words carry the meaning; the colour only repeats it.
    const bool trouble = m_state.phase == Phase::Lost || m_state.phase == Phase::Invalid;
    setStyleSheet(trouble ? QStringLiteral("QLabel#hostBanner { background: #fde8c8; color: #5a3000; border-bottom: 1px solid #d08a2a; }")
                          : QStringLiteral("QLabel#hostBanner { background: #dbeaf7; color: #0d2a45; border-bottom: 1px solid #7ea7cc; }"));
}

void HostBanner::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange)
        render();
    QLabel::changeEvent(e);
}

} // namespace strata::gui
