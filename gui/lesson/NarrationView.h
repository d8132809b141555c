// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A step's narration: its markdown in a QTextBrowser. Glossary links
// ([容器层](glossary:container-layer)) open a popup with the term in both
// languages and its definition (lessons/glossary.json) on hover or click.

#include "engine/lesson/Glossary.h"

#include <QTextBrowser>

namespace strata::gui {

class NarrationView : public QTextBrowser {
    Q_OBJECT
public:
    explicit NarrationView(QWidget *parent = nullptr);

    void setGlossary(engine::lesson::Glossary glossary) { m_glossary = std::move(glossary); }
    void setNarration(const QString &markdown);
    // The popup's rich text for a term id in the interface language; empty if unknown.
    [[nodiscard]] QString termHtml(const QString &id) const;
    [[nodiscard]] QString lastTerm() const { return m_lastTerm; }

signals:
    void termShown(const QString &id);

private:
    void showTerm(const QUrl &url);

    engine::lesson::Glossary m_glossary;
    QString m_lastTerm;
};

} // namespace strata::gui
