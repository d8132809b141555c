// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A study note beside the lesson: the citation under a step ("From the
// notes: Docker镜像介绍 — “UnionFS”") opens the note here, rendered from its
// Markdown and scrolled so the cited heading is at the top. The notes are
// found where the engine looks for them (engine::lesson::notesDir()).

#include <QWidget>

class QLabel;
class QTextBrowser;

namespace strata::gui {

class NoteView : public QWidget {
    Q_OBJECT
public:
    explicit NoteView(QWidget *parent = nullptr);

    // Opens <notesDir>/<file> at the first block containing `heading`
    // (a Markdown heading preferred). False, with the reason shown, when
    // the note or the heading cannot be found.
    bool showNote(const QString &file, const QString &heading);

    [[nodiscard]] QTextBrowser *browser() const { return m_text; }
    [[nodiscard]] QString file() const { return m_file; }
    // The text of the block the view was scrolled to (empty when none).
    [[nodiscard]] QString shownHeading() const { return m_shownHeading; }

protected:
    void showEvent(QShowEvent *e) override;

private:
    void scrollToHeading();

    QLabel *m_title;
    QTextBrowser *m_text;
    QString m_file, m_shownHeading;
    int m_headingPosition = -1;
};

} // namespace strata::gui
