// SPDX-License-Identifier: GPL-3.0-or-later
#include "lesson/NarrationView.h"

#include "app/Language.h"

#include <QCursor>
#include <QToolTip>

namespace strata::gui {

NarrationView::NarrationView(QWidget *parent) : QTextBrowser(parent)
{
    setOpenLinks(false); // glossary: links are ours; nothing navigates away
    setFrameShape(QFrame::NoFrame);
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 1.25);
    setFont(f);
    connect(this, &QTextBrowser::anchorClicked, this, &NarrationView::showTerm);
    connect(this, qOverload<const QUrl &>(&QTextBrowser::highlighted), this, [this](const QUrl &url) {
        if (url.isValid() && !url.isEmpty())
            showTerm(url);
    });
}

void NarrationView::setNarration(const QString &markdown)
{
    setMarkdown(markdown);
}

QString NarrationView::termHtml(const QString &id) const
{
    const auto *t = m_glossary.find(id.toStdString());
    if (!t)
        return {};
    const bool zh = currentLanguage() == QLatin1String("zh_CN");
    const QString zhTerm = QString::fromStdString(t->zh).toHtmlEscaped();
    const QString enTerm = QString::fromStdString(t->en).toHtmlEscaped();
    const QString first = zh ? zhTerm : enTerm, second = zh ? enTerm : zhTerm;
    const QString def =
        QString::fromStdString(t->definition.in(zh ? engine::lesson::Lang::ZhCN : engine::lesson::Lang::En));
    return QStringLiteral("<p><b>%1</b> · %2</p><p>%3</p>").arg(first, second, def.toHtmlEscaped());
}

void NarrationView::showTerm(const QUrl &url)
{
    if (url.scheme() != QLatin1String("glossary"))
        return;
    const QString id = url.path();
    const QString html = termHtml(id);
    if (html.isEmpty())
        return;
    m_lastTerm = id;
    QToolTip::showText(QCursor::pos(), QStringLiteral("<div style='max-width:360px'>%1</div>").arg(html), this);
    emit termShown(id);
}

} // namespace strata::gui
