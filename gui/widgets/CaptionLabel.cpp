// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/CaptionLabel.h"

#include <QEvent>

#include <algorithm>
#include <QHelpEvent>
#include <QPainter>
#include <QRegularExpression>
#include <QTextLayout>
#include <QToolTip>

namespace strata::gui {

CaptionLabel::CaptionLabel(QWidget *parent, int lines) : QLabel(parent), m_lines(std::max(1, lines))
{
    setObjectName(QStringLiteral("caption"));
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, QColor(0x24, 0x33, 0x45));
    p.setColor(QPalette::WindowText, Qt::white);
    setPalette(p);
    setContentsMargins(14, 6, 14, 6);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
}

QString CaptionLabel::shortened(const QString &text)
{
    static const QRegularExpression hex(QStringLiteral("\\b([0-9a-f]{12})[0-9a-f]{4,}\\b"));
    static const QRegularExpression path(QStringLiteral("(?:/[^\\s/:,;()'\"<>]+){4,}"));
    QString s = text;
    s.replace(hex, QStringLiteral("\\1…"));
    // A host path keeps its last two parts: the part that says what it is.
    QString out;
    qsizetype from = 0;
    for (auto it = path.globalMatch(s); it.hasNext();) {
        const auto m = it.next();
        out += s.mid(from, m.capturedStart() - from);
        const QStringList parts = m.captured().split('/', Qt::SkipEmptyParts);
        out += m.capturedLength() > 36 ? QStringLiteral("…/") + parts.mid(parts.size() - 2).join('/') : m.captured();
        from = m.capturedEnd();
    }
    out += s.mid(from);
    return out;
}

QSize CaptionLabel::sizeHint() const
{
    const QMargins m = contentsMargins();
    return QSize(200, fontMetrics().lineSpacing() * m_lines + m.top() + m.bottom() + 4);
}

QSize CaptionLabel::minimumSizeHint() const
{
    return sizeHint();
}

void CaptionLabel::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setPen(palette().color(QPalette::WindowText));
    p.setFont(font());
    const QRect r = contentsRect();
    QString text = shownText();
    text.remove(QRegularExpression(QStringLiteral("<[^>]+>"))); // rich text shown plain
    text.replace('\n', ' ');
    QTextLayout layout(text, font());
    layout.beginLayout();
    const QFontMetricsF fm(font());
    qreal y = r.top() + (r.height() - fm.lineSpacing() * m_lines) / 2;
    for (int i = 0; i < m_lines; ++i) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(r.width());
        const bool last = i == m_lines - 1;
        const QString part = text.mid(line.textStart(), last ? -1 : line.textLength());
        p.drawText(QPointF(r.left(), y + fm.ascent()),
                   last ? fm.elidedText(part.trimmed(), Qt::ElideRight, r.width()) : part.trimmed());
        y += fm.lineSpacing();
    }
    layout.endLayout();
}

bool CaptionLabel::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) { // the full text, when anything was cut
        auto *h = static_cast<QHelpEvent *>(e);
        if (!text().isEmpty())
            QToolTip::showText(h->globalPos(), text().toHtmlEscaped(), this);
        return true;
    }
    return QLabel::event(e);
}

} // namespace strata::gui
