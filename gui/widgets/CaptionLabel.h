// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one- or two-line sentence under the scene. Whatever text it is given
// (a scene's caption, a step phase, a replay frame), it shows it shortened —
// 64-hex ids cut to 12, long host paths to their last parts — wrapped on at
// most two lines and elided after; the full text is its tooltip. Its height
// is fixed by the font, so no caption can resize the window.

#include <QLabel>

namespace strata::gui {

class CaptionLabel : public QLabel {
    Q_OBJECT
public:
    // lines: how many lines it shows (the step-mode phase line has one).
    explicit CaptionLabel(QWidget *parent = nullptr, int lines = 2);

    // The text as shown: ids and long paths shortened (no elision).
    [[nodiscard]] static QString shortened(const QString &text);
    [[nodiscard]] QString shownText() const { return shortened(text()); }

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *e) override;
    bool event(QEvent *e) override;

private:
    int m_lines;
};

} // namespace strata::gui
