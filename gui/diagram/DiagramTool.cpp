// SPDX-License-Identifier: GPL-3.0-or-later
// strata-diagrams: writes the SVG of each diagrams/*.json in every language
// (NAME.en.svg, NAME.zh_CN.svg) into --out. Headless (QtCore only); run by
// `ninja strata_diagrams`, which regenerates the committed copies. --check
// writes nothing and exits 1 when a file in --out differs from a fresh one.
#include "diagram/DiagramSvg.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QTextStream>

using namespace strata::gui;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString outDir = QStringLiteral(".");
    bool check = false;
    QStringList inputs;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--out") && i + 1 < args.size())
            outDir = args[++i];
        else if (args[i] == QLatin1String("--check"))
            check = true;
        else
            inputs << args[i];
    }
    QTextStream err(stderr);
    if (inputs.isEmpty()) {
        err << "usage: strata-diagrams [--check] --out DIR diagrams/NAME.json...\n";
        return 2;
    }
    QDir().mkpath(outDir);
    int stale = 0;
    for (const QString &file : inputs) {
        Diagram d;
        QString error;
        if (!Diagram::load(file, &d, &error)) {
            err << error << "\n";
            return 1;
        }
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            const QByteArray svg = diagramToSvg(d, lang);
            const QString target = outDir + QLatin1Char('/') + diagramSvgName(d.name, lang);
            QFile old(target);
            if (old.open(QIODevice::ReadOnly) && old.readAll() == svg)
                continue;
            if (check) {
                err << "stale: " << target << " (run `ninja strata_diagrams`)\n";
                ++stale;
                continue;
            }
            QSaveFile out(target); // atomic: a reader never sees half a file
            if (!out.open(QIODevice::WriteOnly) || out.write(svg) != svg.size() || !out.commit()) {
                err << "cannot write " << target << ": " << out.errorString() << "\n";
                return 1;
            }
        }
    }
    return stale ? 1 : 0;
}
