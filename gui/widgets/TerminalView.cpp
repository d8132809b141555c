// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/TerminalView.h"

#include "core/TerminalSession.h"
#include "core/VtermScreen.h"

#include <QFontDatabase>
#include <QFontMetrics>
#include <QKeyEvent>
#include <QPainter>

#include <algorithm>
#include <utility>

namespace strata::gui {

namespace {
const QColor kBackground(0x1e, 0x1e, 0x1e);
const QColor kForeground(0xd8, 0xd8, 0xd8);
} // namespace

TerminalView::TerminalView(QWidget *parent) : QWidget(parent), m_screen(std::make_unique<VtermScreen>())
{
    setObjectName(QStringLiteral("terminalView"));
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAttribute(Qt::WA_InputMethodEnabled);
    const QFontMetrics fm(font());
    m_cell = QSize(std::max(fm.horizontalAdvance(QLatin1Char('M')), 1), std::max(fm.height(), 1));
    m_screen->changed = [this] { update(); };
    m_screen->reply = [this](const QByteArray &answer) {
        if (m_session)
            m_session->write(answer);
    };
    fitToWidget();
}

TerminalView::~TerminalView() = default;

void TerminalView::attach(TerminalSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    auto fresh = std::make_unique<VtermScreen>(m_screen->rows(), m_screen->cols());
    fresh->changed = m_screen->changed;
    fresh->reply = m_screen->reply;
    m_screen = std::move(fresh);
    if (session) {
        connect(session, &TerminalSession::output, this, [this](const QByteArray &b) { m_screen->feed(b); });
        connect(session, &QObject::destroyed, this, [this] { m_session = nullptr; });
        session->setWindowSize(m_screen->rows(), m_screen->cols());
    }
    update();
}

QSize TerminalView::cellGrid() const
{
    return {std::max(width() / m_cell.width(), 10), std::max(height() / m_cell.height(), 3)};
}

void TerminalView::fitToWidget()
{
    const QSize grid = cellGrid();
    m_screen->resize(grid.height(), grid.width());
    if (m_session)
        m_session->setWindowSize(grid.height(), grid.width());
}

void TerminalView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitToWidget();
}

void TerminalView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), kBackground);
    const QFontMetrics fm(font());
    QFont bold = font();
    bold.setBold(true);
    const QPoint cursor = m_screen->cursor();
    for (int row = 0; row < m_screen->rows(); ++row) {
        for (int col = 0; col < m_screen->cols(); ++col) {
            const VtermScreen::Cell c = m_screen->cell(row, col);
            if (c.width == 0)
                continue;
            QColor fg = c.fg.isValid() ? c.fg : kForeground, bg = c.bg.isValid() ? c.bg : kBackground;
            if (c.reverse)
                std::swap(fg, bg);
            const bool atCursor = hasFocus() && m_screen->cursorVisible() && cursor == QPoint(col, row);
            if (atCursor) { // a block cursor: the cell drawn inverted
                bg = fg;
                fg = kBackground;
            }
            const QRect box(col * m_cell.width(), row * m_cell.height(), m_cell.width() * std::max(c.width, 1), m_cell.height());
            if (bg != kBackground)
                p.fillRect(box, bg);
            if (c.text.isEmpty() || c.text == QLatin1String(" "))
                continue;
            p.setFont(c.bold ? bold : font());
            p.setPen(fg);
            p.drawText(box.x(), box.y() + fm.ascent(), c.text);
            if (c.underline)
                p.drawLine(box.x(), box.bottom() - 1, box.right(), box.bottom() - 1);
        }
    }
    if (!hasFocus() && m_session) { // where the cursor is, even without the keyboard
        p.setPen(kForeground);
        p.drawRect(cursor.x() * m_cell.width(), cursor.y() * m_cell.height(), m_cell.width() - 1, m_cell.height() - 1);
    }
}

bool TerminalView::event(QEvent *event)
{
    // The window's shortcuts (F8–F10, Ctrl+…) must not take keys the
    // container is waiting for while a command runs here.
    if (event->type() == QEvent::ShortcutOverride && m_session) {
        event->accept();
        return true;
    }
    return QWidget::event(event);
}

void TerminalView::keyPressEvent(QKeyEvent *event)
{
    if (!m_session) {
        QWidget::keyPressEvent(event);
        return;
    }
    const QByteArray bytes = m_screen->key(event->key(), event->modifiers(), event->text());
    if (!bytes.isEmpty())
        m_session->write(bytes);
    event->accept();
}

bool TerminalView::focusNextPrevChild(bool)
{
    return false; // Tab completes in the container's shell, it does not leave the terminal
}

} // namespace strata::gui
