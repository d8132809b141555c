// SPDX-License-Identifier: GPL-3.0-or-later
// Static diagrams: every diagrams/*.json loads and draws one item per box and
// arrow; the committed SVGs beside them equal a fresh export (stale check:
// regenerated into the build dir and compared); both SVGs and the scene's
// SVG/PNG exports parse; a live scene can take a diagram as its background.
#include "app/Language.h"
#include "classroom/ViewExport.h"
#include "diagram/DiagramScene.h"
#include "diagram/DiagramSvg.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QGraphicsItemGroup>
#include <QImage>
#include <QSvgRenderer>
#include <QTest>
#include <QXmlStreamReader>

using namespace strata::gui;

namespace {

QString sourceDir()
{
    const QString env = qEnvironmentVariable("STRATA_SOURCE_DIR");
    return env.isEmpty() ? QStringLiteral(STRATA_TEST_SOURCE_DIR) : env;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool xmlParses(const QByteArray &svg, QString *why)
{
    QXmlStreamReader r(svg);
    int elements = 0;
    while (!r.atEnd())
        if (r.readNext() == QXmlStreamReader::StartElement)
            ++elements;
    if (r.hasError())
        *why = r.errorString();
    return !r.hasError() && elements > 3;
}

// Not one flat colour: something was drawn.
bool hasInk(const QImage &img)
{
    if (img.isNull())
        return false;
    const QRgb first = img.pixel(0, 0);
    for (int y = 0; y < img.height(); y += 7)
        for (int x = 0; x < img.width(); x += 7)
            if (img.pixel(x, y) != first)
                return true;
    return false;
}

} // namespace

class TestDiagrams : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QDir().mkpath(QStringLiteral("diagrams")); }

    void everyDiagramLoadsAndDraws()
    {
        QCOMPARE(Diagram::builtinNames().size(), 4);
        for (const QString &name : Diagram::builtinNames()) {
            Diagram d;
            QString error;
            QVERIFY2(Diagram::load(sourceDir() + "/diagrams/" + name + ".json", &d, &error), qPrintable(error));
            QVERIFY(d.boxes.size() >= 4);
            QVERIFY(!d.title.in("en").isEmpty());
            QVERIFY(d.title.in("zh_CN") != d.title.in("en")); // both languages declared
            for (const DiagramBox &b : d.boxes)
                QVERIFY2(!b.label.in("zh_CN").isEmpty(), qPrintable(name + ": box " + b.id + " has no label"));
            DiagramScene scene;
            scene.setDiagram(Diagram::builtin(name)); // the copy compiled into the app
            QCOMPARE(scene.itemsOfKind("diagram-box").size(), d.boxes.size());
            QCOMPARE(scene.itemsOfKind("diagram-arrow").size(), d.arrows.size());
            QCOMPARE(scene.itemsOfKind("diagram-title").size(), 1);
        }
    }

    void badDiagramsAreRefusedWithTheReason()
    {
        Diagram d;
        QString error;
        QVERIFY(!Diagram::parse("{", "broken", &d, &error));
        QVERIFY(error.contains("broken") && error.contains("not a JSON object"));
        QVERIFY(!Diagram::parse(R"({"boxes":[{"id":"a","x":0,"y":0,"w":10,"h":10}],"arrows":[{"from":"a","to":"zz"}]})",
                                "dangling", &d, &error));
        QVERIFY(error.contains("a → zz"));
    }

    void committedSvgsAreFresh()
    {
        // Regenerated into the build dir, compared with the copies in diagrams/.
        for (const QString &name : Diagram::builtinNames()) {
            Diagram d;
            QVERIFY(Diagram::load(sourceDir() + "/diagrams/" + name + ".json", &d, nullptr));
            for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
                const QByteArray fresh = diagramToSvg(d, lang);
                QFile out(QStringLiteral("diagrams/") + diagramSvgName(name, lang));
                QVERIFY(out.open(QIODevice::WriteOnly) && out.write(fresh) == fresh.size());
                out.close();
                const QString committed = sourceDir() + "/diagrams/" + diagramSvgName(name, lang);
                QVERIFY2(readFile(committed) == fresh,
                         qPrintable(committed + " is stale or missing: run `ninja strata_diagrams` and commit it"));
                QString why;
                QVERIFY2(xmlParses(fresh, &why), qPrintable(why));
                QSvgRenderer r(fresh);
                QVERIFY(r.isValid());
                QCOMPARE(r.defaultSize(), d.size.toSize());
                QVERIFY(fresh.contains(d.title.in(lang).toHtmlEscaped().toUtf8()));
            }
        }
    }

    void sceneExportsAsSvgAndPngInBothLanguages()
    {
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            QVERIFY(setLanguage(lang));
            for (const QString &name : Diagram::builtinNames()) {
                DiagramScene scene;
                scene.setDiagram(Diagram::builtin(name));
                const QString base = QStringLiteral("diagram-%1.%2").arg(name, lang);
                QString error;
                QVERIFY2(exportScene(&scene, base + ".svg", name, &error), qPrintable(error));
                QVERIFY2(exportScene(&scene, base + ".png", name, &error), qPrintable(error));
                const QByteArray svg = readFile(base + ".svg");
                QVERIFY(svg.size() > 1000);
                QString why;
                QVERIFY2(xmlParses(svg, &why), qPrintable(why));
                QVERIFY(QSvgRenderer(svg).isValid());
                const QImage png(base + ".png");
                QCOMPARE(png.size(), (scene.sceneRect().size() * 2).toSize());
                QVERIFY(hasInk(png));
            }
        }
        QVERIFY(!exportScene(nullptr, "x.svg", "x"));
        DiagramScene scene;
        QString error;
        QVERIFY(!exportScene(&scene, "x.gif", "x", &error));
        QVERIFY(error.contains(".svg or .png"));
        QVERIFY(setLanguage("en"));
    }

    void aLiveSceneTakesADiagramAsItsBackground()
    {
        QGraphicsScene live;
        auto *bg = DiagramScene::build(Diagram::builtin("client-daemon"), "en");
        bg->setZValue(-100);
        live.addItem(bg);
        const QRectF daemon = DiagramScene::boxRect(bg, "daemon");
        QVERIFY(!daemon.isEmpty());
        QVERIFY(live.itemsBoundingRect().contains(daemon));
    }
};

QTEST_MAIN(TestDiagrams)
#include "tst_Diagrams.moc"
