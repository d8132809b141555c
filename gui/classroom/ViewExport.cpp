// SPDX-License-Identifier: GPL-3.0-or-later
#include "classroom/ViewExport.h"

#include <QChart>
#include <QChartView>
#include <QFileInfo>
#include <QFontInfo>
#include <QRegularExpression>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QHash>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QBuffer>
#include <QSvgGenerator>

namespace strata::gui {

namespace {

bool writeAll(const QString &file, const QByteArray &bytes, QString *error)
{
    QSaveFile f(file); // atomic: a half-written export never replaces a good one
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(file, f.errorString());
        return false;
    }
    return true;
}

// QSvgGenerator writes Qt's family aliases ("Sans Serif", "monospace"),
// which other tools do not know: name the families really used, then the
// CJK face for Chinese labels and the generic family as fallbacks.
QByteArray withRealFontFamilies(const QByteArray &svg)
{
    static const QRegularExpression family(QStringLiteral("font-family=\"([^\"]*)\""));
    const QString text = QString::fromUtf8(svg);
    QString out;
    qsizetype from = 0;
    QHash<QString, QString> done;
    for (auto it = family.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const QString asked = m.captured(1);
        if (!done.contains(asked)) {
            QFont f(asked);
            if (asked.compare(QLatin1String("monospace"), Qt::CaseInsensitive) == 0)
                f.setStyleHint(QFont::Monospace);
            const QFontInfo info(f);
            done.insert(asked, QStringLiteral("%1, 'Noto Sans CJK SC', %2")
                                   .arg(info.family(), info.fixedPitch() ? QStringLiteral("monospace") : QStringLiteral("sans-serif")));
        }
        out += text.mid(from, m.capturedStart() - from);
        out += QStringLiteral("font-family=\"%1\"").arg(done.value(asked));
        from = m.capturedEnd();
    }
    out += text.mid(from);
    return out.toUtf8();
}

} // namespace

bool exportScene(QGraphicsScene *scene, const QString &file, const QString &title, QString *error, QRectF source)
{
    if (!scene) {
        if (error)
            *error = QStringLiteral("nothing to export to %1: no scene").arg(file);
        return false;
    }
    const QRectF r = source.isNull() ? scene->sceneRect() : source;
    const QString suffix = QFileInfo(file).suffix().toLower();
    QByteArray bytes;
    if (suffix == QLatin1String("svg")) {
        QBuffer buf(&bytes);
        buf.open(QIODevice::WriteOnly);
        QSvgGenerator gen;
        gen.setOutputDevice(&buf);
        gen.setSize(r.size().toSize());
        gen.setViewBox(QRectF(QPointF(0, 0), r.size()));
        gen.setTitle(title);
        gen.setDescription(QStringLiteral("Strata — a container engine you can watch"));
        QPainter p(&gen);
        p.setRenderHint(QPainter::Antialiasing);
        scene->render(&p, QRectF(QPointF(0, 0), r.size()), r);
        p.end();
        bytes = withRealFontFamilies(bytes);
    } else if (suffix == QLatin1String("png")) {
        QImage img((r.size() * 2).toSize(), QImage::Format_ARGB32_Premultiplied);
        img.fill(scene->backgroundBrush().style() == Qt::NoBrush ? QColor(Qt::white) : scene->backgroundBrush().color());
        QPainter p(&img);
        p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
        scene->render(&p, QRectF(QPointF(0, 0), r.size() * 2), r);
        p.end();
        QBuffer buf(&bytes);
        buf.open(QIODevice::WriteOnly);
        img.save(&buf, "PNG");
    } else {
        if (error)
            *error = QStringLiteral("cannot export to %1: the name must end in .svg or .png").arg(file);
        return false;
    }
    return writeAll(file, bytes, error);
}

bool exportView(QGraphicsView *view, const QString &file, const QString &title, QString *error)
{
    if (!view) {
        if (error)
            *error = QStringLiteral("nothing to export to %1: no view").arg(file);
        return false;
    }
    // A chart's scene is the view's whole canvas: export just the chart.
    if (auto *chart = qobject_cast<QChartView *>(view); chart && chart->chart())
        return exportScene(view->scene(), file, title, error, chart->chart()->geometry());
    return exportScene(view->scene(), file, title, error);
}

} // namespace strata::gui
