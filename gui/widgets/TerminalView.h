// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Paints a VtermScreen in a fixed-pitch font and types into a
// TerminalSession: every key, Ctrl+C and Ctrl+P Ctrl+Q included, goes to
// the program (the console's own shortcuts do not apply while it has the
// keyboard). Its size in character cells follows the widget and becomes
// the pty's window size.

#include <QWidget>

#include <memory>

namespace strata::gui {

class TerminalSession;
class VtermScreen;

class TerminalView : public QWidget {
    Q_OBJECT
public:
    explicit TerminalView(QWidget *parent = nullptr);
    ~TerminalView() override;

    // Shows `session`'s output from now on (nullptr: none); the screen starts empty.
    void attach(TerminalSession *session);
    [[nodiscard]] VtermScreen &screen() { return *m_screen; }
    [[nodiscard]] const VtermScreen &screen() const { return *m_screen; }
    // The size in character cells this widget has room for.
    [[nodiscard]] QSize cellGrid() const;

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool focusNextPrevChild(bool next) override;

private:
    void fitToWidget();
    std::unique_ptr<VtermScreen> m_screen;
    TerminalSession *m_session = nullptr;
    QSize m_cell;
};

} // namespace strata::gui
