// SPDX-License-Identifier: GPL-3.0-or-later
// The classroom side of the window, offscreen: charts follow containers as
// the console makes and removes them (numbers from the engine thread),
// every chart, diagram, the scene and a timeline replay frame export to SVG
// and PNG, presentation mode toggles with F5/Esc, the keyboard reaches the
// tabs and the timeline. Screenshots (en, zh_CN) land in the build dir.
#include "app/Language.h"
#include "charts/ChartsPanel.h"
#include "core/EngineHost.h"
#include "diagram/DiagramPanel.h"
#include "diagram/DiagramScene.h"
#include "scene/LayerStackScene.h"
#include "timeline/SessionTimeline.h"
#include "timeline/TimelineDock.h"
#include "timeline/TimelinePlayer.h"
#include "widgets/MainWindow.h"
#include "widgets/ScenePanel.h"
#include "scene/SceneView.h"

#include <QAbstractBarSeries>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QMenuBar>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace strata::gui;

namespace {

bool svgParses(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray svg = f.readAll();
    QXmlStreamReader r(svg);
    while (!r.atEnd())
        r.readNext();
    return !r.hasError() && svg.size() > 500 && QSvgRenderer(svg).isValid();
}

bool pngHasInk(const QString &file)
{
    const QImage img(file);
    if (img.isNull() || img.width() < 100)
        return false;
    const QRgb first = img.pixel(0, 0);
    for (int y = 0; y < img.height(); y += 5)
        for (int x = 0; x < img.width(); x += 5)
            if (img.pixel(x, y) != first)
                return true;
    return false;
}

QStringList categories(QChartView *v)
{
    for (QAbstractAxis *a : v->chart()->axes(Qt::Vertical))
        if (auto *c = qobject_cast<QBarCategoryAxis *>(a))
            return c->categories();
    return {};
}

} // namespace

class TestClassroom : public QObject {
    Q_OBJECT
    QTemporaryDir m_root, m_files;
    std::unique_ptr<MainWindow> m_w;

    int runAndWait(const QString &line, QString *err = nullptr)
    {
        QSignalSpy done(m_w->host(), &EngineHost::commandFinished);
        const int id = m_w->host()->run(line);
        for (int i = 0; i < 600; ++i) {
            for (const auto &args : done)
                if (args.at(0).toInt() == id) {
                    if (err)
                        *err = args.at(3).toString();
                    for (int t = 0; t < 200 && !m_w->settled(); ++t)
                        QTest::qWait(100);
                    return args.at(1).toInt();
                }
            done.wait(200);
        }
        return -1;
    }

    void exportBoth(const QString &base)
    {
        QVERIFY2(m_w->exportCurrentView(base + ".svg"), qPrintable(base));
        QVERIFY2(m_w->exportCurrentView(base + ".png"), qPrintable(base));
        QVERIFY2(svgParses(base + ".svg"), qPrintable(base + ".svg does not parse"));
        QVERIFY2(pngHasInk(base + ".png"), qPrintable(base + ".png is empty"));
    }

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("StrataTestClassroom"));
        setLanguage(QStringLiteral("en"));
        StartOptions o;
        o.engine.root = m_root.path().toStdString();
        o.select = QStringLiteral("strata/demo-web:1.0");
        m_w = std::make_unique<MainWindow>(o);
        m_w->resize(1600, 1000);
        m_w->show();
        QTRY_VERIFY_WITH_TIMEOUT(m_w->settled(), 120000);
    }

    void chartsFollowContainersMadeAndRemoved()
    {
        ChartsPanel *charts = m_w->charts();
        QTRY_COMPARE(charts->usage().imageRef, QStringLiteral("strata/demo-web:1.0"));
        QCOMPARE(charts->usage().containers.size(), 0);
        QVERIFY(charts->usage().imageBytes > 0);
        QCOMPARE(charts->usage().layers.size(), 3);
        QVERIFY(charts->usage().wastedBytes > 0); // the demo image deletes and shadows files
        QString err;
        QCOMPARE(runAndWait("create --name one strata/demo-web:1.0", &err), 0);
        QTRY_COMPARE(charts->usage().containers.size(), 1);
        QCOMPARE(runAndWait("create --name two strata/demo-web:1.0", &err), 0);
        QTRY_COMPARE(charts->usage().containers.size(), 2);
        // A file copied into `two` is its own layer's bytes; the image's stay shared.
        QFile note(m_files.path() + "/note.txt");
        QVERIFY(note.open(QIODevice::WriteOnly));
        note.write(QByteArray(1090, 'x')); // note 002's container layer: ~1.09 kB
        note.close();
        if (runAndWait(QStringLiteral("cp %1 two:/note.txt").arg(note.fileName()), &err) != 0)
            QSKIP(qPrintable("cp into a created container is refused here: " + err));
        QTRY_VERIFY_WITH_TIMEOUT(charts->usage().ownBytesTotal() >= 1090, 10000);
        const DiskUsage &u = charts->usage();
        QCOMPARE(u.actualBytes(), u.imageBytes + u.ownBytesTotal());
        QCOMPARE(u.withoutSharingBytes(), 2 * u.imageBytes + u.ownBytesTotal());
        QStringList cats = categories(charts->view(ChartsPanel::DiskUse));
        QCOMPARE(cats.size(), 4); // two containers, "without sharing", "on disk"
        QVERIFY(cats.join('\n').contains("two: sees"));
        QVERIFY(cats.join('\n').contains("owns 1.09kB"));
        m_w->centralTabs()->setCurrentIndex(2);
        charts->setCurrent(ChartsPanel::DiskUse);
        QVERIFY(m_w->grab().save(QStringLiteral("strata-gui-charts-en.png")));
        QVERIFY(setLanguage(QStringLiteral("zh_CN")));
        QTRY_VERIFY(m_w->centralTabs()->tabText(2) != QStringLiteral("Charts"));
        QTest::qWait(400); // the menu bar lays its new titles out later
        QVERIFY(m_w->grab().save(QStringLiteral("strata-gui-charts-zh_CN.png")));
        QVERIFY(setLanguage(QStringLiteral("en")));
        // rm: the chart loses the container.
        QCOMPARE(runAndWait("rm one", &err), 0);
        QTRY_COMPARE(charts->usage().containers.size(), 1);
        QCOMPARE(categories(charts->view(ChartsPanel::DiskUse)).size(), 3);
    }

    void everyViewExportsAsSvgAndPng()
    {
        QTabWidget *tabs = m_w->centralTabs();
        tabs->setCurrentIndex(0);
        exportBoth(QStringLiteral("export-scene"));
        for (const QString &id : ScenePanel::sceneIds()) { // every mechanism scene, as shown
            QVERIFY(m_w->showScene(id, QString(), {}));
            QCOMPARE(m_w->currentExportView(), static_cast<QGraphicsView *>(m_w->scenes()->view(id)));
            exportBoth(QStringLiteral("export-scene-%1").arg(id));
        }
        m_w->showScene(QStringLiteral("layer-stack"), QString(), {});
        tabs->setCurrentIndex(2);
        for (int i = 0; i < ChartsPanel::Count; ++i) {
            m_w->charts()->setCurrent(i);
            QCOMPARE(m_w->currentExportView(), static_cast<QGraphicsView *>(m_w->charts()->view(i)));
            exportBoth(QStringLiteral("export-chart-%1").arg(i));
        }
        tabs->setCurrentIndex(3);
        for (const QString &name : Diagram::builtinNames()) {
            m_w->diagrams()->showDiagram(name);
            QCOMPARE(m_w->diagrams()->scene()->diagram().name, name);
            exportBoth(QStringLiteral("export-diagram-%1").arg(name));
        }
        // The timeline's frame: rewound, the scene tab exports the replay.
        tabs->setCurrentIndex(0);
        TimelinePlayer *player = m_w->timelineDock()->player();
        QVERIFY(m_w->timelineDock()->timeline()->size() > 3);
        player->seek(2);
        QCOMPARE(m_w->currentExportView()->scene(), static_cast<QGraphicsScene *>(player->replayScene()));
        exportBoth(QStringLiteral("export-timeline-frame"));
        player->goLive();
        QCOMPARE(m_w->currentExportView()->scene(), static_cast<QGraphicsScene *>(m_w->scene()));
        QVERIFY(!m_w->exportCurrentView(QStringLiteral("export.gif"))); // refused, said in the status bar
    }

    void keyboardReachesTabsAndTimeline()
    {
        m_w->activateWindow();
        QApplication::setActiveWindow(m_w.get());
        m_w->centralTabs()->setFocus();
        QTest::keySequence(m_w.get(), QKeySequence(Qt::ALT | Qt::Key_3));
        QCOMPARE(m_w->centralTabs()->currentIndex(), 2);
        QTest::keySequence(m_w.get(), QKeySequence(Qt::ALT | Qt::Key_4));
        QCOMPARE(m_w->centralTabs()->currentIndex(), 3);
        QTest::keySequence(m_w.get(), QKeySequence(Qt::ALT | Qt::Key_1));
        QCOMPARE(m_w->centralTabs()->currentIndex(), 0);
        TimelinePlayer *player = m_w->timelineDock()->player();
        QVERIFY(player->isLive());
        QTest::keyClick(m_w.get(), Qt::Key_Left, Qt::AltModifier);
        QVERIFY(!player->isLive());
        QCOMPARE(player->position(), m_w->timelineDock()->timeline()->size() - 2);
        QTest::keyClick(m_w.get(), Qt::Key_Home, Qt::AltModifier);
        QCOMPARE(player->position(), 0);
        QTest::keyClick(m_w.get(), Qt::Key_End, Qt::AltModifier);
        QVERIFY(player->isLive());
    }

    void presentationModeToggles()
    {
        QDockWidget *console = m_w->findChild<QDockWidget *>(QStringLiteral("consoleDock"));
        QVERIFY(console && console->isVisible());
        QVERIFY(!m_w->presenting());
        m_w->centralTabs()->setCurrentIndex(0);
        QTest::keyClick(m_w.get(), Qt::Key_F5);
        QVERIFY(m_w->presenting());
        QTRY_VERIFY(m_w->isFullScreen());
        QVERIFY(!console->isVisible());
        QVERIFY(!m_w->menuBar()->isVisible());
        QVERIFY(!m_w->centralTabs()->tabBar()->isVisible());
        QVERIFY(!m_w->timelineDock()->isVisible());
        QVERIFY(!m_w->caption().isEmpty());
        QTest::qWait(300);
        QVERIFY(m_w->grab().save(QStringLiteral("strata-gui-present-en.png")));
        QVERIFY(setLanguage(QStringLiteral("zh_CN")));
        QTest::qWait(300);
        QVERIFY(m_w->grab().save(QStringLiteral("strata-gui-present-zh_CN.png")));
        m_w->centralTabs()->setCurrentIndex(3);
        m_w->diagrams()->showDiagram(QStringLiteral("image-vs-container"));
        QTest::qWait(200);
        QVERIFY(m_w->grab().save(QStringLiteral("strata-gui-diagram-zh_CN.png")));
        QVERIFY(setLanguage(QStringLiteral("en")));
        QTest::qWait(200);
        QVERIFY(m_w->grab().save(QStringLiteral("strata-gui-diagram-en.png")));
        // Esc leaves; everything comes back.
        QTest::keyClick(m_w.get(), Qt::Key_Escape);
        QVERIFY(!m_w->presenting());
        QTRY_VERIFY(!m_w->isFullScreen());
        QVERIFY(console->isVisible());
        QVERIFY(m_w->menuBar()->isVisible());
        QVERIFY(m_w->centralTabs()->tabBar()->isVisible());
        // The menu action toggles it too.
        m_w->setPresentation(true);
        QVERIFY(m_w->presenting());
        m_w->setPresentation(false);
        QVERIFY(!m_w->presenting());
        QTRY_VERIFY(!m_w->isFullScreen());
    }

    void cleanupTestCase()
    {
        if (m_w)
            runAndWait(QStringLiteral("rm -f two"));
        m_w.reset();
    }
};

QTEST_MAIN(TestClassroom)
#include "tst_Classroom.moc"
