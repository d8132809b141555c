// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/VtermScreen.h"

#include <vterm.h>

#include <algorithm>
#include <utility>
#include <vector>

namespace strata::gui {

namespace {

constexpr int kScrollback = 2000; // lines kept above the screen (the transcript keeps the rest)

// libvterm marks the cell after a wide character with chars[0] = -1.
bool continuesWide(const VTermScreenCell &c)
{
    return c.width == 0 || c.chars[0] == static_cast<uint32_t>(-1);
}

QString cellText(const VTermScreenCell &c)
{
    QString s;
    for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && c.chars[i] != 0; ++i)
        s += QString::fromUcs4(reinterpret_cast<const char32_t *>(&c.chars[i]), 1);
    return s;
}

QString lineOf(const VTermScreenCell *cells, int cols)
{
    QString line;
    for (int i = 0; i < cols; ++i) {
        if (continuesWide(cells[i])) // the second half of a wide character
            continue;
        const QString t = cellText(cells[i]);
        line += t.isEmpty() ? QStringLiteral(" ") : t;
    }
    while (line.endsWith(' '))
        line.chop(1);
    return line;
}

VTermModifier modifiersOf(Qt::KeyboardModifiers m)
{
    int mod = VTERM_MOD_NONE;
    if (m & Qt::ShiftModifier)
        mod |= VTERM_MOD_SHIFT;
    if (m & Qt::AltModifier)
        mod |= VTERM_MOD_ALT;
    if (m & Qt::ControlModifier)
        mod |= VTERM_MOD_CTRL;
    return static_cast<VTermModifier>(mod);
}

VTermKey vtermKey(int qtKey)
{
    switch (qtKey) {
    case Qt::Key_Return: return VTERM_KEY_ENTER;
    case Qt::Key_Enter: return VTERM_KEY_ENTER;
    case Qt::Key_Tab: return VTERM_KEY_TAB;
    case Qt::Key_Backspace: return VTERM_KEY_BACKSPACE;
    case Qt::Key_Escape: return VTERM_KEY_ESCAPE;
    case Qt::Key_Up: return VTERM_KEY_UP;
    case Qt::Key_Down: return VTERM_KEY_DOWN;
    case Qt::Key_Left: return VTERM_KEY_LEFT;
    case Qt::Key_Right: return VTERM_KEY_RIGHT;
    case Qt::Key_Insert: return VTERM_KEY_INS;
    case Qt::Key_Delete: return VTERM_KEY_DEL;
    case Qt::Key_Home: return VTERM_KEY_HOME;
    case Qt::Key_End: return VTERM_KEY_END;
    case Qt::Key_PageUp: return VTERM_KEY_PAGEUP;
    case Qt::Key_PageDown: return VTERM_KEY_PAGEDOWN;
    default:
        if (qtKey >= Qt::Key_F1 && qtKey <= Qt::Key_F12)
            return static_cast<VTermKey>(VTERM_KEY_FUNCTION(qtKey - Qt::Key_F1 + 1));
        return VTERM_KEY_NONE;
    }
}

} // namespace

struct VtermCallbacks {
    static int damage(VTermRect, void *user)
    {
        (void)user; // the view repaints as a whole after each feed
        return 1;
    }
    static int moveCursor(VTermPos, VTermPos, int, void *)
    {
        return 1;
    }
    static int setTermProp(VTermProp prop, VTermValue *val, void *user)
    {
        if (prop == VTERM_PROP_CURSORVISIBLE)
            static_cast<VtermScreen *>(user)->m_cursorVisible = val->boolean != 0;
        return 1;
    }
    static int pushLine(int cols, const VTermScreenCell *cells, void *user)
    {
        auto *self = static_cast<VtermScreen *>(user);
        self->m_scrollback << lineOf(cells, cols);
        if (self->m_scrollback.size() > kScrollback)
            self->m_scrollback.removeFirst();
        return 1;
    }
    static void output(const char *s, size_t len, void *user)
    {
        static_cast<VtermScreen *>(user)->m_keyBytes.append(s, static_cast<qsizetype>(len));
    }
};

namespace {
const VTermScreenCallbacks kScreenCallbacks = {
    VtermCallbacks::damage, nullptr, VtermCallbacks::moveCursor, VtermCallbacks::setTermProp,
    nullptr, nullptr, VtermCallbacks::pushLine, nullptr};
} // namespace

VtermScreen::VtermScreen(int rows, int cols) : m_rows(std::max(rows, 1)), m_cols(std::max(cols, 1))
{
    m_vt = vterm_new(m_rows, m_cols);
    vterm_set_utf8(m_vt, 1);
    vterm_output_set_callback(m_vt, &VtermCallbacks::output, this);
    m_screen = vterm_obtain_screen(m_vt);
    vterm_screen_set_callbacks(m_screen, &kScreenCallbacks, this);
    vterm_screen_enable_altscreen(m_screen, 1); // vi, less: their screen goes away when they end
    vterm_screen_reset(m_screen, 1);
}

VtermScreen::~VtermScreen()
{
    vterm_free(m_vt);
}

void VtermScreen::feed(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    vterm_input_write(m_vt, bytes.constData(), static_cast<size_t>(bytes.size()));
    vterm_screen_flush_damage(m_screen);
    // What the program asked the terminal to answer (a cursor position
    // report for busybox's line editor) goes back to it.
    if (const QByteArray answer = std::exchange(m_keyBytes, {}); !answer.isEmpty() && reply)
        reply(answer);
    if (changed)
        changed();
}

void VtermScreen::resize(int rows, int cols)
{
    rows = std::max(rows, 1);
    cols = std::max(cols, 1);
    if (rows == m_rows && cols == m_cols)
        return;
    m_rows = rows;
    m_cols = cols;
    vterm_set_size(m_vt, rows, cols);
    vterm_screen_flush_damage(m_screen);
    if (changed)
        changed();
}

VtermScreen::Cell VtermScreen::cell(int row, int col) const
{
    Cell out;
    VTermScreenCell c{};
    if (row < 0 || col < 0 || row >= m_rows || col >= m_cols || !vterm_screen_get_cell(m_screen, {row, col}, &c))
        return out;
    if (continuesWide(c)) {
        out.width = 0;
        return out;
    }
    out.text = cellText(c);
    out.width = c.width;
    out.bold = c.attrs.bold;
    out.underline = c.attrs.underline != 0;
    out.italic = c.attrs.italic;
    out.reverse = c.attrs.reverse;
    auto colour = [this](VTermColor col, bool isDefault) {
        if (isDefault)
            return QColor();
        vterm_screen_convert_color_to_rgb(m_screen, &col);
        return QColor(col.rgb.red, col.rgb.green, col.rgb.blue);
    };
    out.fg = colour(c.fg, VTERM_COLOR_IS_DEFAULT_FG(&c.fg));
    out.bg = colour(c.bg, VTERM_COLOR_IS_DEFAULT_BG(&c.bg));
    return out;
}

QPoint VtermScreen::cursor() const
{
    VTermPos pos{};
    vterm_state_get_cursorpos(vterm_obtain_state(m_vt), &pos);
    return {pos.col, pos.row};
}

QString VtermScreen::lineText(int row) const
{
    std::vector<VTermScreenCell> cells(static_cast<std::size_t>(m_cols));
    for (int col = 0; col < m_cols; ++col)
        if (!vterm_screen_get_cell(m_screen, {row, col}, &cells[static_cast<std::size_t>(col)]))
            cells[static_cast<std::size_t>(col)] = VTermScreenCell{};
    return lineOf(cells.data(), m_cols);
}

QString VtermScreen::text() const
{
    QStringList lines = m_scrollback;
    for (int r = 0; r < m_rows; ++r)
        lines << lineText(r);
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines.join('\n');
}

QByteArray VtermScreen::key(int qtKey, Qt::KeyboardModifiers modifiers, const QString &text)
{
    m_keyBytes.clear();
    const VTermModifier mod = modifiersOf(modifiers);
    if (const VTermKey k = vtermKey(qtKey); k != VTERM_KEY_NONE) {
        vterm_keyboard_key(m_vt, k, mod);
    } else if ((modifiers & Qt::ControlModifier) && qtKey >= Qt::Key_At && qtKey <= Qt::Key_Underscore) {
        // Ctrl+letter (and Ctrl+@ [ \ ] ^ _) is its control byte, as every
        // terminal sends it: Ctrl+C 0x03, Ctrl+P 0x10, Ctrl+Q 0x11. (libvterm
        // would send Ctrl+J/M/[ as CSI u sequences a shell does not know.)
        if (modifiers & Qt::AltModifier)
            m_keyBytes.append('\x1b');
        m_keyBytes.append(static_cast<char>(qtKey & 0x1f));
    } else {
        for (const char32_t c : text.toUcs4())
            if (c >= 0x20 && c != 0x7f)
                vterm_keyboard_unichar(m_vt, c, mod);
    }
    return std::exchange(m_keyBytes, {});
}

} // namespace strata::gui
