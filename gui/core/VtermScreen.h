// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The console's terminal screen: libvterm's VT100/xterm state machine fed
// with the bytes a pty's master reads, kept as a grid of cells (text,
// colours, bold/underline/reverse) plus the cursor, and the lines scrolled
// off the top. Keys go the other way: key() turns a Qt key press into the
// bytes a real terminal sends for it (arrows as ESC [ A or ESC O A as the
// application asked, Ctrl+letters as control bytes). No widget here: the
// TerminalView paints it, the tests read it.

#include <QByteArray>
#include <QColor>
#include <QPoint>
#include <QString>
#include <QStringList>

#include <functional>

struct VTerm;
struct VTermScreen;

namespace strata::gui {

class VtermScreen {
public:
    VtermScreen(int rows = 24, int cols = 80);
    ~VtermScreen();
    VtermScreen(const VtermScreen &) = delete;
    VtermScreen &operator=(const VtermScreen &) = delete;

    struct Cell {
        QString text;   // "" for an empty cell
        QColor fg, bg;  // invalid = the view's default colours
        bool bold = false, underline = false, italic = false, reverse = false;
        int width = 1;  // 2 for a wide (CJK) character, 0 for the cell after one
    };

    // Bytes from the program (the pty's master).
    void feed(const QByteArray &bytes);
    void resize(int rows, int cols);
    [[nodiscard]] int rows() const { return m_rows; }
    [[nodiscard]] int cols() const { return m_cols; }

    [[nodiscard]] Cell cell(int row, int col) const;
    [[nodiscard]] QPoint cursor() const; // x = column, y = row
    [[nodiscard]] bool cursorVisible() const { return m_cursorVisible; }
    // One row's text, trailing blanks dropped.
    [[nodiscard]] QString lineText(int row) const;
    // The scrolled-off lines then the screen, trailing empty rows dropped.
    [[nodiscard]] QString text() const;
    [[nodiscard]] const QStringList &scrollback() const { return m_scrollback; }

    // The bytes a terminal sends for this key ("" when it sends none).
    [[nodiscard]] QByteArray key(int qtKey, Qt::KeyboardModifiers modifiers, const QString &text);

    // Called after feed() or resize() changed what is shown.
    std::function<void()> changed;
    // Called with the bytes a terminal answers to a query in the output
    // (ESC [ 6 n: where is the cursor); they go back to the program.
    std::function<void(const QByteArray &)> reply;

private:
    friend struct VtermCallbacks; // libvterm's C callbacks (VtermScreen.cpp)

    VTerm *m_vt = nullptr;
    VTermScreen *m_screen = nullptr;
    int m_rows, m_cols;
    bool m_cursorVisible = true;
    QStringList m_scrollback; // at most kScrollback lines
    QByteArray m_keyBytes;    // libvterm's output while key() runs
};

} // namespace strata::gui
