// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/Palette.h"

#include <QCoreApplication>
#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace strata::gui {

namespace {

bool g_highContrast = false;

Palette makeNormal()
{
    Palette p;
    p.background = QColor(0xf6, 0xf7, 0xf9);
    p.text = QColor(0x1d, 0x24, 0x2c);
    p.caption = QColor(0x24, 0x33, 0x45);
    p.layer = QColor(0x8f, 0xa8, 0xc4);
    p.layerEdge = QColor(0x3d, 0x55, 0x73);
    p.container = QColor(0xf2, 0xb5, 0x4a);
    p.containerEdge = QColor(0x9a, 0x5b, 0x00);
    p.merged = QColor(255, 255, 255, 215);
    p.mergedEdge = QColor(0x44, 0x4c, 0x56);
    p.whiteout = QColor(0xd5, 0x5e, 0x00);
    p.beam = QColor(0x00, 0x72, 0xb2);
    return p;
}

Palette makeHighContrast()
{
    Palette p = makeNormal();
    p.background = Qt::white;
    p.text = Qt::black;
    p.caption = Qt::black;
    p.layer = QColor(0x6b, 0x8b, 0xb0);
    p.layerEdge = Qt::black;
    p.container = QColor(0xff, 0xb0, 0x20);
    p.containerEdge = Qt::black;
    p.mergedEdge = Qt::black;
    return p;
}

} // namespace

const Palette &Palette::current()
{
    static const Palette normal = makeNormal();
    static const Palette high = makeHighContrast();
    return g_highContrast ? high : normal;
}

void Palette::setHighContrast(bool on)
{
    g_highContrast = on;
}

bool Palette::highContrast()
{
    return g_highContrast;
}

QColor Palette::layerShade(int i, int n) const
{
    const double t = n <= 1 ? 0.5 : static_cast<double>(i) / (n - 1);
    return layer.darker(static_cast<int>(125 - 30 * t));
}

QColor markColour(Mark m)
{
    switch (m) {
    case Mark::Added: return QColor(0x00, 0x9e, 0x73);    // bluish green
    case Mark::Modified: return QColor(0xe6, 0x9f, 0x00); // orange
    case Mark::Whiteout:
    case Mark::Deleted: return QColor(0xd5, 0x5e, 0x00);  // vermillion
    case Mark::Opaque: return QColor(0xcc, 0x79, 0xa7);   // reddish purple
    case Mark::None: break;
    }
    return QColor(0x99, 0x99, 0x99);
}

QIcon markIcon(Mark m)
{
    static QHash<int, QIcon> cache;
    if (auto it = cache.find(static_cast<int>(m)); it != cache.end())
        return *it;
    QPixmap pm(32, 32);
    pm.fill(Qt::transparent);
    if (m != Mark::None) {
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        const QColor c = markColour(m);
        p.setPen(QPen(c.darker(140), 2));
        p.setBrush(m == Mark::Deleted ? QBrush(c, Qt::BDiagPattern) : QBrush(c));
        if (m == Mark::Whiteout || m == Mark::Deleted)
            p.drawRect(3, 3, 26, 26); // square: deletions differ in shape too
        else
            p.drawEllipse(3, 3, 26, 26);
        QFont f;
        f.setBold(true);
        f.setPixelSize(18);
        p.setFont(f);
        p.setPen(m == Mark::Deleted ? c.darker(160) : Qt::white);
        p.drawText(QRect(0, 0, 32, 32), Qt::AlignCenter, QString(QChar(markLetter(m))));
        if (m == Mark::Opaque)
            p.fillRect(6, 25, 20, 4, Qt::white);
    }
    cache.insert(static_cast<int>(m), QIcon(pm));
    return cache.value(static_cast<int>(m));
}

QString markName(Mark m)
{
    switch (m) {
    case Mark::Added: return QCoreApplication::translate("Marks", "added");
    case Mark::Modified: return QCoreApplication::translate("Marks", "changed");
    case Mark::Whiteout: return QCoreApplication::translate("Marks", "whiteout");
    case Mark::Deleted: return QCoreApplication::translate("Marks", "deleted");
    case Mark::Opaque: return QCoreApplication::translate("Marks", "opaque");
    case Mark::None: break;
    }
    return QCoreApplication::translate("Marks", "unchanged");
}

} // namespace strata::gui
