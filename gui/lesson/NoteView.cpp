// SPDX-License-Identifier: GPL-3.0-or-later
#include "lesson/NoteView.h"

#include "app/Language.h"
#include "engine/lesson/LessonLibrary.h"
#include "engine/lesson/NoteCatalog.h"

#include <QAbstractTextDocumentLayout>
#include <QFile>
#include <QLabel>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace strata::gui {

namespace {

// The block a citation points at: a heading containing the text, else any
// block that does (the validator accepts a heading "inside a line").
QTextBlock findHeading(const QTextDocument *doc, const QString &heading)
{
    QTextBlock any;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        if (!b.text().contains(heading))
            continue;
        if (b.blockFormat().headingLevel() > 0)
            return b;
        if (!any.isValid())
            any = b;
    }
    return any;
}

} // namespace

NoteView::NoteView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("noteView"));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("noteTitle"));
    m_title->setWordWrap(true);
    QFont f = m_title->font();
    f.setBold(true);
    m_title->setFont(f);
    m_text = new QTextBrowser(this);
    m_text->setObjectName(QStringLiteral("noteText"));
    m_text->setOpenExternalLinks(true);
    auto *v = new QVBoxLayout(this);
    v->setContentsMargins(8, 6, 8, 6);
    v->addWidget(m_title);
    v->addWidget(m_text, 1);
}

bool NoteView::showNote(const QString &file, const QString &heading)
{
    m_file = file;
    m_shownHeading.clear();
    m_headingPosition = -1;
    const bool zh = currentLanguage() == QLatin1String("zh_CN");
    const auto title = engine::lesson::noteTitle(file.toStdString());
    m_title->setText(QString::fromStdString(zh ? title.zh : title.en));
    const auto dir = engine::lesson::notesDir();
    QFile in(QString::fromStdString((dir / file.toStdString()).string()));
    if (dir.empty() || !in.open(QIODevice::ReadOnly)) {
        m_text->setPlainText(tr("The note %1 is not installed here (looked in %2).")
                                 .arg(file, dir.empty() ? tr("no notes directory") : QString::fromStdString(dir.string())));
        return false;
    }
    m_text->document()->setMarkdown(QString::fromUtf8(in.readAll()));
    const QTextBlock block = findHeading(m_text->document(), heading);
    if (!block.isValid())
        return false;
    m_shownHeading = block.text();
    m_headingPosition = block.position();
    QTextCursor c(block);
    m_text->setTextCursor(c);
    scrollToHeading();
    // Laid out only once shown at its final size: scroll again then.
    QTimer::singleShot(0, this, &NoteView::scrollToHeading);
    return true;
}

void NoteView::showEvent(QShowEvent *e)
{
    QWidget::showEvent(e);
    QTimer::singleShot(0, this, &NoteView::scrollToHeading);
}

void NoteView::scrollToHeading()
{
    if (m_headingPosition < 0)
        return;
    const QTextBlock block = m_text->document()->findBlock(m_headingPosition);
    const QRectF r = m_text->document()->documentLayout()->blockBoundingRect(block);
    m_text->verticalScrollBar()->setValue(static_cast<int>(r.top()));
}

} // namespace strata::gui
