// SPDX-License-Identifier: GPL-3.0-or-later
// The console terminal's screen model (libvterm): what a program writes
// lands in cells with its colours and attributes, the keys a student types
// become the bytes a real terminal sends (cursor keys in both of their
// modes, Ctrl+C and Docker's detach keys as control bytes), and a resize
// keeps the text and the size the pty is told.
#include "core/VtermScreen.h"

#include <QTest>

using namespace strata::gui;

class TestVtermScreen : public QObject {
    Q_OBJECT

private slots:
    void textAndCursor()
    {
        VtermScreen s(5, 20);
        s.feed("/ # ls\r\nbin  etc\r\n/ # ");
        QCOMPARE(s.lineText(0), QStringLiteral("/ # ls"));
        QCOMPARE(s.lineText(1), QStringLiteral("bin  etc"));
        QCOMPARE(s.cursor(), QPoint(4, 2));
        s.feed("\x1b[H"); // home
        QCOMPARE(s.cursor(), QPoint(0, 0));
        s.feed("\x1b[?25l");
        QVERIFY(!s.cursorVisible());
    }

    void coloursAndAttributes()
    {
        VtermScreen s(3, 20);
        s.feed("\x1b[31mR\x1b[1;42mG\x1b[0mN\x1b[7mV\x1b[38;2;1;2;3mT");
        const auto r = s.cell(0, 0), g = s.cell(0, 1), n = s.cell(0, 2), v = s.cell(0, 3), t = s.cell(0, 4);
        QCOMPARE(r.text, QStringLiteral("R"));
        QVERIFY(r.fg.isValid());
        QVERIFY2(r.fg.red() > 150 && r.fg.green() < 80 && r.fg.blue() < 80, qPrintable(r.fg.name())); // ANSI red
        QVERIFY(!r.bg.isValid()); // the default background
        QVERIFY(g.bold);
        QVERIFY2(g.bg.green() > 150 && g.bg.red() < 80, qPrintable(g.bg.name()));
        QVERIFY(!n.fg.isValid() && !n.bold); // SGR 0 resets
        QVERIFY(v.reverse);
        QCOMPARE(t.fg, QColor(1, 2, 3)); // 24-bit colour
    }

    void wideCharacters()
    {
        VtermScreen s(2, 10);
        s.feed("中a");
        QCOMPARE(s.cell(0, 0).width, 2);
        QCOMPARE(s.cell(0, 1).width, 0); // its second half
        QCOMPARE(s.cell(0, 2).text, QStringLiteral("a"));
        QCOMPARE(s.lineText(0), QStringLiteral("中a"));
    }

    void keysEncodeAsATerminalSendsThem()
    {
        VtermScreen s;
        QCOMPARE(s.key(Qt::Key_Up, Qt::NoModifier, {}), QByteArray("\x1b[A"));
        QCOMPARE(s.key(Qt::Key_Left, Qt::NoModifier, {}), QByteArray("\x1b[D"));
        s.feed("\x1b[?1h"); // DECCKM: the application (vi, less) asks for ESC O A
        QCOMPARE(s.key(Qt::Key_Up, Qt::NoModifier, {}), QByteArray("\x1bOA"));
        s.feed("\x1b[?1l");
        QCOMPARE(s.key(Qt::Key_Down, Qt::NoModifier, {}), QByteArray("\x1b[B"));
        QCOMPARE(s.key(Qt::Key_Return, Qt::NoModifier, QStringLiteral("\r")), QByteArray("\r"));
        QCOMPARE(s.key(Qt::Key_Backspace, Qt::NoModifier, {}), QByteArray("\x7f"));
        QCOMPARE(s.key(Qt::Key_Tab, Qt::NoModifier, QStringLiteral("\t")), QByteArray("\t"));
        QCOMPARE(s.key(Qt::Key_C, Qt::ControlModifier, QStringLiteral("\x03")), QByteArray("\x03"));
        QCOMPARE(s.key(Qt::Key_P, Qt::ControlModifier, {}), QByteArray("\x10")); // Docker's detach keys
        QCOMPARE(s.key(Qt::Key_Q, Qt::ControlModifier, {}), QByteArray("\x11"));
        QCOMPARE(s.key(Qt::Key_D, Qt::ControlModifier, {}), QByteArray("\x04"));
        QCOMPARE(s.key(Qt::Key_A, Qt::ShiftModifier, QStringLiteral("A")), QByteArray("A"));
        QCOMPARE(s.key(Qt::Key_unknown, Qt::NoModifier, QStringLiteral("é")), QByteArray("é"));
        QCOMPARE(s.key(Qt::Key_F1, Qt::NoModifier, {}), QByteArray("\x1bOP"));
        QCOMPARE(s.key(Qt::Key_Shift, Qt::ShiftModifier, {}), QByteArray()); // a modifier alone sends nothing
    }

    void queriesAreAnswered()
    {
        VtermScreen s(4, 10);
        QByteArray answer;
        s.reply = [&](const QByteArray &b) { answer += b; };
        s.feed("ab\x1b[6n"); // busybox's line editor asks where the cursor is
        QCOMPARE(answer, QByteArray("\x1b[1;3R"));
    }

    void resizeKeepsTextAndScrollsBack()
    {
        VtermScreen s(4, 20);
        int changes = 0;
        s.changed = [&] { ++changes; };
        s.feed("one\r\ntwo\r\nthree\r\nfour\r\nfive\r\nsix");
        QVERIFY(changes > 0);
        QCOMPARE(s.scrollback(), (QStringList{QStringLiteral("one"), QStringLiteral("two")}));
        QCOMPARE(s.text(), QStringLiteral("one\ntwo\nthree\nfour\nfive\nsix"));
        s.resize(6, 40);
        QCOMPARE(s.rows(), 6);
        QCOMPARE(s.cols(), 40);
        QVERIFY(s.text().endsWith(QStringLiteral("five\nsix")));
        s.resize(6, 3);
        QCOMPARE(s.cols(), 3);
        s.feed("\x1b[2J\x1b[Habcdef");
        QCOMPARE(s.lineText(0), QStringLiteral("abc")); // wraps at the new width
        QCOMPARE(s.lineText(1), QStringLiteral("def"));
    }
};

QTEST_GUILESS_MAIN(TestVtermScreen)
#include "tst_VtermScreen.moc"
