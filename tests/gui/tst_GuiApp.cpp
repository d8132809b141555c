// SPDX-License-Identifier: GPL-3.0-or-later
// The whole window, offscreen, on a fresh store: it opens on the demo image,
// commands typed into the console go through the CLI's parser and show up in
// the models and the scene, the step gate really holds the engine, and the
// language switch changes what is on screen. Writes screenshots (en, zh_CN)
// into the build directory for review.
#include "app/Language.h"
#include "core/EngineHost.h"
#include "core/GuiStepGate.h"
#include "models/ImageListModel.h"
#include "models/RowTableModel.h"
#include "scene/LayerStackScene.h"
#include "widgets/ConsoleWidget.h"
#include "widgets/InspectorWidget.h"
#include "widgets/LayerExplorer.h"
#include "widgets/MainWindow.h"
#include "widgets/ScenePanel.h"

#include <QApplication>
#include <QGraphicsItem>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTableWidget>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace strata::gui;

class TestGuiApp : public QObject {
    Q_OBJECT
    QTemporaryDir m_root;
    std::unique_ptr<MainWindow> m_w;

    int runAndWait(const QString &line, QString *out = nullptr, QString *err = nullptr)
    {
        QSignalSpy done(m_w->host(), &EngineHost::commandFinished);
        const int id = m_w->host()->run(line);
        for (int i = 0; i < 600; ++i) {
            for (const auto &args : done)
                if (args.at(0).toInt() == id) {
                    if (out)
                        *out = args.at(2).toString();
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

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("StrataTest"));
        setLanguage(QStringLiteral("en"));
        StartOptions o;
        o.engine.root = m_root.path().toStdString();
        o.select = QStringLiteral("strata/demo-web:1.0");
        m_w = std::make_unique<MainWindow>(o);
        m_w->resize(1600, 1000);
        m_w->show();
        QTRY_VERIFY_WITH_TIMEOUT(m_w->settled(), 120000);
    }

    void opensOnTheDemoImage()
    {
        QCOMPARE(m_w->selectedImage(), QStringLiteral("strata/demo-web:1.0"));
        QVERIFY(m_w->imageModel()->rowOf("strata/busybox:latest") >= 0);
        QCOMPARE(m_w->scene()->itemsOfKind("layer").size(), 3);
        QVERIFY(!m_w->scene()->itemsOfKind("tile-merged").isEmpty());
        QVERIFY(m_w->explorer()->selectPath("/etc/web.conf"));
        QVERIFY(m_w->explorer()->detailsText().contains("Provided by layer 3"));
        QCOMPARE(m_w->explorer()->versionsTable()->rowCount(), 2); // layer 2's and layer 3's copies
        QVERIFY(m_w->explorer()->preview()->toPlainText().contains("port=8080"));
    }

    void consoleRunsThroughTheSharedParser()
    {
        QString out, err;
        QCOMPARE(runAndWait("strata tag strata/demo-web:1.0 demo:copy", &out, &err), 0);
        QTRY_VERIFY(m_w->imageModel()->rowOf("demo:copy") >= 0); // the model follows the engine
        QCOMPARE(runAndWait("images --format '{{.Repository}}:{{.Tag}}'", &out), 0);
        QVERIFY(out.contains("demo:copy\n"));
        QCOMPARE(runAndWait("rmi demo:copy", &out), 0);
        QVERIFY(out.contains("Untagged: demo:copy"));
        QTRY_COMPARE(m_w->imageModel()->rowOf("demo:copy"), -1);
        QCOMPARE(runAndWait("no-such-verb", &out, &err), 1); // Docker's status for an unknown command
        QVERIFY2(err.contains("strata: 'no-such-verb' is not a strata command."), qPrintable(err));
        QCOMPARE(runAndWait("imagse", &out, &err), 1);
        QVERIFY2(err.contains("Did you mean 'images'?"), qPrintable(err));
        QVERIFY(m_w->console()->transcript().contains("Did you mean 'images'?")); // shown in the console
        QVERIFY(m_w->console()->transcript().contains("$ strata rmi demo:copy"));
        // Typing works too.
        m_w->console()->input()->setText(QStringLiteral("history strata/demo-web:1.0"));
        QTest::keyClick(m_w->console()->input(), Qt::Key_Return);
        QTRY_VERIFY(m_w->console()->transcript().contains("RUN sed -i"));
    }

    // The Networks panel lists the engine's networks (bridge, host and none
    // always exist); selecting one shows its `network inspect` JSON.
    void networksPanelListsTheEnginesNetworks()
    {
        QTRY_VERIFY(m_w->networkModel()->rowOf(QStringLiteral("bridge")) >= 0);
        QVERIFY(m_w->networkModel()->rowOf(QStringLiteral("none")) >= 0);
        const QStringList bridge = m_w->networkModel()->rowAt(m_w->networkModel()->rowOf(QStringLiteral("bridge")));
        QCOMPARE(bridge.value(1), QStringLiteral("bridge"));
        QVERIFY2(bridge.value(2).contains('/'), qPrintable(bridge.join('|'))); // its subnet
        auto *view = m_w->findChild<QTableView *>(QStringLiteral("networkView"));
        QVERIFY(view);
        view->setCurrentIndex(m_w->networkModel()->index(m_w->networkModel()->rowOf(QStringLiteral("bridge")), 0));
        QTRY_VERIFY(m_w->inspector()->title().contains(QStringLiteral("network inspect bridge")));
    }

    void completionComesFromTheParser()
    {
        const QStringList verbs = m_w->console()->completionsFor("ima");
        QVERIFY(verbs.contains("image"));
        QVERIFY(verbs.contains("images"));
        QVERIFY(m_w->console()->completionsFor("images --").contains("--digests"));
        QVERIFY(m_w->console()->completionsFor("history strata/de").contains("strata/demo-web:1.0"));
    }

    void languageSwitchChangesVisibleStrings()
    {
        QTabBar *tabs = m_w->scenes()->tabBar();
        QCOMPARE(tabs->tabText(0), QStringLiteral("Layer stack"));
        QVERIFY(m_w->grab().save(QStringLiteral("strata-gui-en.png")));
        const QString captionEn = m_w->caption();
        QVERIFY(setLanguage(QStringLiteral("zh_CN")));
        QTRY_COMPARE(tabs->tabText(0), QStringLiteral("分层栈"));
        QVERIFY(m_w->windowTitle().contains(QStringLiteral("看得见的容器引擎")));
        QVERIFY(m_w->caption() != captionEn);
        QVERIFY(m_w->caption().contains(QStringLiteral("层"))); // the scene's caption is re-said in Chinese
        QCOMPARE(m_w->imageModel()->headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("镜像"));
        QVERIFY(m_w->grab().save(QStringLiteral("strata-gui-zh_CN.png")));
        QVERIFY(setLanguage(QStringLiteral("en")));
        QTRY_COMPARE(tabs->tabText(0), QStringLiteral("Layer stack"));
    }

    void copyOnWriteThroughTheConsole()
    {
        if (::geteuid() != 0)
            QSKIP("containers need root (user namespaces are not set up for this run)");
        QString out, err;
        const int rc = runAndWait("run --name cow strata/demo-web:1.0 sh -c 'echo changed > /etc/web.conf; "
                                  "rm /srv/www/index.html; cat /etc/web.conf'",
                                  &out, &err);
        if (rc != 0)
            QSKIP(qPrintable("the kernel refused the container: " + err));
        QVERIFY(out.contains("changed")); // the container's own output, captured
        QTRY_VERIFY(!m_w->scene()->itemsOfKind("tile-copyup").isEmpty());
        QCOMPARE(m_w->scene()->itemsOfKind("tile-copyup").front()->data(1).toString(), QStringLiteral("/etc/web.conf"));
        QVERIFY(!m_w->scene()->itemsOfKind("tile-whiteout").isEmpty());
        QVERIFY(!m_w->scene()->itemsOfKind("tile-lower").isEmpty());
        QTRY_VERIFY(m_w->containerModel()->rowOf("cow") >= 0);
        // commit: a hardened copy of the amber layer becomes the new image's top
        // layer beside it; the image's stack and the container's layer stay.
        const int layersBefore = m_w->scene()->itemsOfKind("layer").size();
        QString id;
        QCOMPARE(runAndWait("commit cow demo:committed", &id), 0);
        QVERIFY(id.startsWith("sha256:"));
        QTRY_COMPARE(m_w->scene()->itemsOfKind("committed-layer").size(), 1);
        QCOMPARE(m_w->scene()->itemsOfKind("layer").size(), layersBefore);
        QCOMPARE(m_w->scene()->itemsOfKind("container-layer").size(), 1);
        QTRY_VERIFY(m_w->imageModel()->rowOf("demo:committed") >= 0);
        QCOMPARE(runAndWait("rm cow"), 0);
        QTRY_COMPARE(m_w->containerModel()->rowOf("cow"), -1);
        QTRY_VERIFY(m_w->scene()->itemsOfKind("container-layer").isEmpty()); // its layer went with it
        QCOMPARE(m_w->scene()->itemsOfKind("committed-layer").size(), 1);     // the image it made stays
    }

    void stepModeHoldsTheEngine()
    {
        if (::geteuid() != 0)
            QSKIP("the run phases need a container, and containers need root here");
        GuiStepGate *gate = m_w->host()->gate();
        gate->setStepMode(true);
        QSignalSpy done(m_w->host(), &EngineHost::commandFinished);
        m_w->host()->run(QStringLiteral("run --rm strata/demo-web:1.0 true"));
        QTRY_VERIFY_WITH_TIMEOUT(gate->waiting(), 20000);
        const int before = gate->phasesPassed();
        QTest::qWait(300);
        QCOMPARE(gate->phasesPassed(), before); // really waiting
        QCOMPARE(done.count(), 0);
        gate->step();
        QTRY_COMPARE_WITH_TIMEOUT(gate->phasesPassed(), before + 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(gate->waiting() || done.count() > 0, 10000);
        QCOMPARE(gate->phasesPassed(), before + 1); // exactly one phase per Step
        gate->continueAll();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(m_w->settled(), 20000);
    }

    void cleanupTestCase() { m_w.reset(); }
};

QTEST_MAIN(TestGuiApp)
#include "tst_GuiApp.moc"
