// SPDX-License-Identifier: GPL-3.0-or-later
// The mechanism scenes of issue 7, each driven by real commands through the
// window's console path (EngineHost::run, the CLI's own parser, a fresh store)
// and asserted on its items' kinds, keys and states per phase. Each scene is
// also written as a screenshot in English and Chinese into the working
// directory (the build tree) for the README gallery.
#include "app/Language.h"
#include "core/EngineHost.h"
#include "core/GuiStepGate.h"
#include "engine/lesson/LessonService.h"
#include "engine/lesson/SceneCatalog.h"
#include "scene/ArchiveScene.h"
#include "scene/BootfsScene.h"
#include "scene/ClientDaemonScene.h"
#include "scene/CommitScene.h"
#include "scene/LifecycleScene.h"
#include "scene/NetworkScene.h"
#include "scene/RunPhasesScene.h"
#include "scene/SceneItems.h"
#include "scene/SceneShapes.h"
#include "scene/VolumeScene.h"
#include "widgets/ConsoleWidget.h"
#include "widgets/MainWindow.h"
#include "widgets/ScenePanel.h"

#include <QApplication>
#include <QDockWidget>
#include <QGraphicsItem>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>

#include <sys/utsname.h>
#include <unistd.h>

using namespace strata::gui;

class TestScenes : public QObject {
    Q_OBJECT
    QTemporaryDir m_root;
    QTemporaryDir m_files;
    std::unique_ptr<MainWindow> m_w;
    bool m_containers = false;
    QString m_whyNot;

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
                    settle();
                    return args.at(1).toInt();
                }
            done.wait(200);
        }
        return -1;
    }

    void settle()
    {
        // settled() counts an answer the scenes have not heard yet (ScenePanel::animating()).
        (void)QTest::qWaitFor([&] { return m_w->settled(); }, 30000);
    }

    EventScene *scene(const QString &id) { return m_w->scenes()->scene(id); }

    static QString stateOf(EventScene *s, const QString &kind, const QString &key) { return s->stateOf(kind, key); }

    int count(EventScene *s, const QString &kind, const QString &prefix = {})
    {
        int n = 0;
        for (QGraphicsItem *i : s->itemsOfKind(kind))
            if (i->data(KeyData).toString().startsWith(prefix))
                ++n;
        return n;
    }

    // The scene in both languages, written next to the test binary.
    void screenshots(const QString &id)
    {
        m_w->showScene(id);
        QTRY_VERIFY_WITH_TIMEOUT(!m_w->scenes()->animating(), 20000);
        for (const QString lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            QVERIFY(setLanguage(lang));
            QTest::qWait(150);
            const QPixmap shot = m_w->scenes()->grab();
            QVERIFY(!shot.isNull());
            QVERIFY(shot.save(QStringLiteral("scene-%1-%2.png").arg(id, lang)));
        }
        QVERIFY(setLanguage(QStringLiteral("en")));
    }

    bool needContainers()
    {
        if (!m_containers)
            return false;
        return true;
    }

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("StrataSceneTest"));
        setLanguage(QStringLiteral("en"));
        StartOptions o;
        o.engine.root = m_root.path().toStdString();
        o.select = QStringLiteral("strata/demo-web:1.0");
        m_w = std::make_unique<MainWindow>(o);
        // Classroom size: the scene large, the docks out of the way.
        m_w->resize(1500, 1000);
        m_w->show();
        QTRY_VERIFY_WITH_TIMEOUT(m_w->settled(), 120000);
        for (auto *d : m_w->findChildren<QDockWidget *>())
            d->hide();
        if (::geteuid() != 0) {
            m_whyNot = QStringLiteral("containers need root (user namespaces are not set up for this run)");
            return;
        }
        QString out, err;
        const int rc = runAndWait(QStringLiteral("run --rm strata/busybox:latest true"), &out, &err);
        m_containers = rc == 0;
        if (!m_containers)
            m_whyNot = QStringLiteral("the kernel refused a container: ") + err;
    }

    // strata-gui --scene ID: the start-up path (settled, then the scene
    // applied) ends on that scene for every id a lesson may name and every
    // tab, and stays there once settled again. (Not through --dump-scene:
    // its QCoreApplication::exit() would end every later event loop here.)
    void startUpSceneOptionEndsOnThatScene_data()
    {
        QTest::addColumn<QString>("id");
        // A lesson may name any scene of the catalog: --scene knows them all.
        const QStringList ids = MainWindow::sceneIds();
        for (const auto &s : strata::engine::lesson::sceneCatalog())
            QVERIFY2(ids.contains(QString::fromStdString(s.id)), s.id.c_str());
        for (const QString &id : ids)
            QTest::newRow(qPrintable(id)) << id;
    }

    void startUpSceneOptionEndsOnThatScene()
    {
        QFETCH(QString, id);
        StartOptions o;
        o.engine.root = m_root.path().toStdString();
        o.scene = id;
        MainWindow w(o);
        w.resize(1280, 720);
        w.show();
        const auto shown = [&] { return w.sceneDump().value(QStringLiteral("scene")).toString(); };
        QTRY_COMPARE_WITH_TIMEOUT(shown(), id, 120000);
        QTRY_VERIFY_WITH_TIMEOUT(w.settled(), 30000);
        QCOMPARE(shown(), id);
        if (id != QLatin1String("charts"))
            QCOMPARE(w.scenes()->currentScene(), id);
    }

    void switcherIsKeyedByTheLessonIds()
    {
        QTabBar *bar = m_w->scenes()->tabBar();
        QCOMPARE(bar->count(), ScenePanel::sceneIds().size());
        for (int i = 0; i < bar->count(); ++i)
            QCOMPARE(bar->tabData(i).toString(), ScenePanel::sceneIds()[i]);
        for (const QString &id : ScenePanel::sceneIds()) {
            QVERIFY(m_w->showScene(id));
            QCOMPARE(m_w->scenes()->currentScene(), id);
            QVERIFY(m_w->scenes()->graphicsScene(id));
        }
        QVERIFY(!m_w->showScene(QStringLiteral("no-such-scene")));
        // Highlights light the named items.
        QVERIFY(m_w->showScene(QStringLiteral("lifecycle"), {}, {QStringLiteral("state:paused"), QStringLiteral("transition:pause")}));
        auto *paused = dynamic_cast<BoxItem *>(static_cast<QGraphicsObject *>(scene("lifecycle")->item("state", "paused")));
        QVERIFY(paused && paused->highlighted());
        auto *edge = dynamic_cast<ArrowItem *>(static_cast<QGraphicsObject *>(scene("lifecycle")->item("transition", "running->paused")));
        QVERIFY(edge && edge->highlighted());
        QVERIFY(m_w->showScene(QStringLiteral("run"), {}, {QStringLiteral("phase:pivot-root")}));
        auto *pivot = dynamic_cast<BoxItem *>(static_cast<QGraphicsObject *>(scene("run")->item("phase", "pivot-root")));
        QVERIFY(pivot && pivot->highlighted()); // lessons highlight with the engine's phase names
        m_w->showScene(QStringLiteral("lifecycle"), {}, {});
        QVERIFY(!paused->highlighted());
        m_w->showScene(QStringLiteral("run"), {}, {});
    }

    void clientDaemonRoundTrip()
    {
        auto *s = static_cast<ClientDaemonScene *>(scene("client-daemon"));
        QCOMPARE(runAndWait("images"), 0);
        QCOMPARE(s->itemsOfKind("packet").front()->data(StateData).toString(), QStringLiteral("answered"));
        QCOMPARE(stateOf(s, "endpoint", "client"), QStringLiteral("lit")); // the answer is back at the console
        QCOMPARE(stateOf(s, "wire", "answer"), QStringLiteral("flow"));
        QString err;
        QVERIFY(runAndWait("rmi no-such-image:1", nullptr, &err) != 0);
        QCOMPARE(s->itemsOfKind("packet").front()->data(StateData).toString(), QStringLiteral("refused"));
        QVERIFY(count(s, "command-row") >= 2);
        QVERIFY(s->caption().contains("error"));
        // A command that changes the store: its events reach the store box.
        QCOMPARE(runAndWait("tag strata/busybox:latest cd:probe"), 0);
        QVERIFY(s->eventsDuringLast() >= 1);
        screenshots("client-daemon");
        QCOMPARE(runAndWait("rmi cd:probe"), 0);
    }

    void lifecycleFollowsTheEngine()
    {
        if (!needContainers())
            QSKIP(qPrintable(m_whyNot));
        auto *s = static_cast<LifecycleScene *>(scene("lifecycle"));
        m_w->showScene("lifecycle");
        QCOMPARE(runAndWait("create --name lc strata/busybox:latest sleep 3600"), 0);
        QCOMPARE(s->followed(), QStringLiteral("lc"));
        QCOMPARE(stateOf(s, "state", "created"), QStringLiteral("lit"));
        QCOMPARE(stateOf(s, "transition", "none->created"), QStringLiteral("taken"));
        QCOMPARE(runAndWait("start lc"), 0);
        QCOMPARE(stateOf(s, "state", "running"), QStringLiteral("lit"));
        QCOMPARE(stateOf(s, "state", "created"), QStringLiteral("idle"));
        QCOMPARE(stateOf(s, "transition", "created->running"), QStringLiteral("taken"));
        QCOMPARE(runAndWait("pause lc"), 0);
        QCOMPARE(stateOf(s, "state", "paused"), QStringLiteral("lit"));
        QCOMPARE(stateOf(s, "transition", "running->paused"), QStringLiteral("taken"));
        QCOMPARE(stateOf(s, "transition", "created->running"), QStringLiteral("idle"));
        // rm of a paused container: refused by the engine, the missing edge drawn red.
        QString err;
        QVERIFY(runAndWait("rm lc", nullptr, &err) != 0);
        QVERIFY(err.contains("You cannot remove a paused container"));
        QCOMPARE(stateOf(s, "transition-missing", "paused->removed"), QStringLiteral("missing"));
        QCOMPARE(stateOf(s, "state", "removed"), QStringLiteral("refused"));
        QCOMPARE(stateOf(s, "state", "paused"), QStringLiteral("lit")); // nothing moved
        QCOMPARE(s->itemsOfKind("message").front()->data(StateData).toString(), QStringLiteral("refused"));
        QVERIFY(s->caption().startsWith("Refused"));
        screenshots("lifecycle");
        // Clicking a state runs the one legal command through the console.
        QCOMPARE(s->commandTo("removed"), QString()); // no arrow from paused to removed
        QCOMPARE(s->commandTo("running"), QStringLiteral("unpause lc"));
        QSignalSpy done(m_w->host(), &EngineHost::commandFinished);
        s->requestState("running");
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
        settle();
        QVERIFY(m_w->console()->transcript().contains("unpause lc"));
        QCOMPARE(stateOf(s, "state", "running"), QStringLiteral("lit"));
        QCOMPARE(stateOf(s, "transition", "paused->running"), QStringLiteral("taken"));
        QVERIFY(s->itemsOfKind("transition-missing").isEmpty()); // the next command clears the refusal
        QCOMPARE(runAndWait("kill lc"), 0);
        QCOMPARE(stateOf(s, "state", "exited"), QStringLiteral("lit"));
        QCOMPARE(stateOf(s, "transition", "running->exited"), QStringLiteral("taken"));
        s->requestState("removed");
        QTRY_VERIFY_WITH_TIMEOUT(stateOf(s, "state", "removed") == QLatin1String("lit"), 30000);
        settle();
        QCOMPARE(stateOf(s, "transition", "exited->removed"), QStringLiteral("taken"));
    }

    void runPhasesLightInOrderUnderTheStepGate()
    {
        if (!needContainers())
            QSKIP(qPrintable(m_whyNot));
        auto *s = static_cast<RunPhasesScene *>(scene("run"));
        m_w->showScene("run");
        GuiStepGate *gate = m_w->host()->gate();
        gate->setStepMode(true);
        QSignalSpy done(m_w->host(), &EngineHost::commandFinished);
        m_w->host()->run(QStringLiteral("run --name phases strata/demo-web:1.0 cat /etc/web.conf"));
        const QStringList phases = RunPhasesScene::phases();
        for (int i = 0; i < phases.size(); ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(gate->waiting() || done.count() > 0, 30000);
            QTRY_COMPARE_WITH_TIMEOUT(stateOf(s, "phase", phases[i]), QStringLiteral("lit"), 10000);
            for (int j = 0; j < i; ++j)
                QCOMPARE(stateOf(s, "phase", phases[j]), QStringLiteral("done"));
            for (int j = i + 1; j < phases.size(); ++j)
                QCOMPARE(stateOf(s, "phase", phases[j]), QStringLiteral("idle"));
            if (phases[i] == QLatin1String("pivot-root")) {
                QVERIFY(s->caption().contains("pivot_root"));
                QTRY_VERIFY(!m_w->scenes()->animating());
                screenshots("run");
            }
            gate->step();
        }
        gate->continueAll();
        gate->setStepMode(false);
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
        QCOMPARE(done.front().at(1).toInt(), 0);
        settle();
        for (const QString &p : phases)
            QCOMPARE(stateOf(s, "phase", p), QStringLiteral("done"));
        QVERIFY(s->caption().contains("PID 1"));
        // start alone: create's phases were done earlier, the start phases light again.
        QCOMPARE(runAndWait("start phases"), 0);
        QCOMPARE(s->operation(), QStringLiteral("start"));
        QCOMPARE(stateOf(s, "phase", "add-rw-layer"), QStringLiteral("done"));
        QCOMPARE(runAndWait("rm -f phases"), 0);
    }

    void commitHardensTheLayerAndGrowsHistory()
    {
        if (!needContainers())
            QSKIP(qPrintable(m_whyNot));
        auto *s = static_cast<CommitScene *>(scene("commit"));
        m_w->showScene("commit");
        QCOMPARE(runAndWait("run --name cm strata/demo-web:1.0 sh -c 'echo changed > /etc/web.conf; echo new > /srv/new.txt'"), 0);
        QCOMPARE(s->followed(), QStringLiteral("cm"));
        QTRY_COMPARE(count(s, "layer", "base:"), 3);
        QCOMPARE(stateOf(s, "container-layer", s->itemsOfKind("container-layer").front()->data(KeyData).toString()),
                 QStringLiteral("writable"));
        const int baseRows = count(s, "history-row", "base:");
        QVERIFY(baseRows >= 3);
        QCOMPARE(runAndWait("commit cm demo:cm"), 0);
        QTRY_COMPARE_WITH_TIMEOUT(count(s, "layer", "new:"), 4, 20000); // the old three, shared, plus the committed one
        settle();
        QCOMPARE(s->itemsOfKind("container-layer").front()->data(StateData).toString(), QStringLiteral("committed"));
        QCOMPARE(s->itemsOfKind("committed-layer").front()->data(StateData).toString(), QStringLiteral("hardened"));
        QCOMPARE(s->itemsOfKind("commit-arrow").size(), 1);
        QCOMPARE(stateOf(s, "layer", "new:3"), QStringLiteral("lit"));
        QCOMPARE(stateOf(s, "history-row", "new:0"), QStringLiteral("lit")); // history's new top row
        QCOMPARE(stateOf(s, "history-row", "new:1"), QStringLiteral("idle"));
        QString out;
        QCOMPARE(runAndWait("history -q demo:cm", &out), 0);
        QString base;
        QCOMPARE(runAndWait("history -q strata/demo-web:1.0", &base), 0);
        QCOMPARE(out.count('\n'), base.count('\n') + 1);
        screenshots("commit");
        QCOMPARE(runAndWait("rm cm"), 0);
    }

    void volumeKeepsWritesAndOutlivesTheContainer()
    {
        if (!needContainers())
            QSKIP(qPrintable(m_whyNot));
        auto *s = static_cast<VolumeScene *>(scene("volumes"));
        m_w->showScene("volumes");
        QCOMPARE(runAndWait("run --name vol -v data:/data strata/busybox:latest sh -c 'echo hi > /data/note.txt; echo x > /tmp/t.txt'"), 0);
        QCOMPARE(s->followed(), QStringLiteral("vol"));
        QCOMPARE(stateOf(s, "volume", "data"), QStringLiteral("lit"));
        QVERIFY(s->item("mount-point", "/data"));
        QVERIFY(s->item("pipe", "/data"));
        QTRY_VERIFY_WITH_TIMEOUT(s->item("volume-file", "/data/note.txt"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(s->item("container-file", "/tmp/t.txt"), 10000);
        for (QGraphicsItem *i : s->itemsOfKind("container-file"))
            QVERIFY2(!i->data(KeyData).toString().startsWith("/data/"), "a write under the mount went into the RW layer");
        settle();
        screenshots("volumes");
        QCOMPARE(runAndWait("rm vol"), 0);
        QCOMPARE(stateOf(s, "union", "rw"), QStringLiteral("gone"));
        QCOMPARE(stateOf(s, "volume", "data"), QStringLiteral("kept"));
        QString out;
        QCOMPARE(runAndWait("volume ls -q", &out), 0);
        QVERIFY(out.split('\n').contains("data"));
        QCOMPARE(runAndWait("volume rm data"), 0);
        QCOMPARE(stateOf(s, "volume", "data"), QStringLiteral("gone"));
    }

    void bootfsShowsTheHostKernelInside()
    {
        if (!needContainers())
            QSKIP(qPrintable(m_whyNot));
        auto *s = static_cast<BootfsScene *>(scene("bootfs"));
        m_w->showScene("bootfs");
        utsname u{};
        QCOMPARE(::uname(&u), 0);
        QCOMPARE(s->hostRelease(), QString::fromLocal8Bit(u.release));
        QCOMPARE(runAndWait("run -d --name k1 strata/busybox:latest sleep 600"), 0);
        QCOMPARE(runAndWait("run -d --name web strata/demo-web:1.0 sleep 600"), 0);
        QCOMPARE(runAndWait("create --name later strata/demo-web:1.0"), 0);
        QString out;
        QCOMPARE(runAndWait("run --rm --name k2 strata/busybox:latest uname -r", &out), 0);
        QCOMPARE(out.trimmed(), s->hostRelease()); // the image brought no kernel
        QCOMPARE(s->insideRelease(), s->hostRelease());
        QCOMPARE(s->itemsOfKind("reality").front()->data(StateData).toString(), QStringLiteral("same"));
        QTRY_COMPARE(stateOf(s, "container", "k1"), QStringLiteral("lit")); // running on the one kernel bar
        QCOMPARE(s->itemsOfKind("kernel").size(), 1);
        QCOMPARE(stateOf(s, "rootfs", "k1"), QStringLiteral("done"));
        screenshots("bootfs");
        QCOMPARE(stateOf(s, "container", "later"), QStringLiteral("idle")); // made, not running: not on the kernel yet
        QCOMPARE(runAndWait("rm -f k1 web later"), 0);
    }

    void saveKeepsLayersExportFlattens()
    {
        auto *s = static_cast<ArchiveScene *>(scene("save-export"));
        m_w->showScene("save-export");
        const QString img = m_files.filePath("img.tar"), flat = m_files.filePath("fs.tar");
        QCOMPARE(runAndWait(QStringLiteral("save -o %1 strata/demo-web:1.0").arg(img)), 0);
        QTRY_COMPARE(count(s, "source-layer", "save:"), 3);
        QCOMPARE(stateOf(s, "archive", "save"), QStringLiteral("lit"));
        QCOMPARE(runAndWait(QStringLiteral("load -i %1").arg(img)), 0);
        QTRY_COMPARE(count(s, "result-layer", "load:"), 3);
        QString hist;
        QCOMPARE(runAndWait("history -q strata/demo-web:1.0", &hist), 0);
        QCOMPARE(s->item("history", "load")->data(ArchiveScene::HistoryRowsData).toInt(), static_cast<int>(hist.count('\n')));
        if (!needContainers()) {
            screenshots("save-export");
            QSKIP(qPrintable(m_whyNot));
        }
        QCOMPARE(runAndWait("create --name ex strata/demo-web:1.0"), 0);
        QCOMPARE(runAndWait(QStringLiteral("export -o %1 ex").arg(flat)), 0);
        QCOMPARE(stateOf(s, "archive", "export"), QStringLiteral("lit"));
        QTRY_COMPARE(count(s, "source-layer", "export:"), 4); // three image layers + the container's own
        QCOMPARE(runAndWait(QStringLiteral("import %1 flat:1").arg(flat)), 0);
        QTRY_COMPARE(count(s, "result-layer", "import:"), 1);
        QCOMPARE(s->item("history", "import")->data(ArchiveScene::HistoryRowsData).toInt(), 1);
        screenshots("save-export");
        QCOMPARE(runAndWait("rm ex"), 0);
    }

    void layerStackScenesShot()
    {
        if (needContainers()) {
            QCOMPARE(runAndWait("run --name cow strata/demo-web:1.0 sh -c 'echo changed > /etc/web.conf; rm /srv/www/index.html'"), 0);
            screenshots("copy-on-write");
            QCOMPARE(runAndWait("rm cow"), 0);
        }
        m_w->showScene("layer-stack", {}, {QStringLiteral("layer:3")});
        screenshots("layer-stack");
    }

    // Issue 17 item 6: the network scene is the engine's network state (network
    // inspect, inspect's NetworkSettings), and a ping travels the cables it crosses.
    void networkSceneDrawsBridgesCablesAndDoors()
    {
        if (!needContainers())
            QSKIP(qPrintable(m_whyNot));
        auto *s = static_cast<NetworkScene *>(scene("network"));
        m_w->showScene("network");
        QString out, err;
        if (runAndWait("network create scene-net", &out, &err) != 0)
            QSKIP(qPrintable("the kernel refuses bridge networks here: " + err));
        QTRY_VERIFY_WITH_TIMEOUT(s->item("bridge", "scene-net"), 10000);
        QCOMPARE(runAndWait("network inspect scene-net", &out), 0);
        const QJsonObject net = QJsonDocument::fromJson(out.toUtf8()).array().first().toObject();
        const QString subnet = net["IPAM"].toObject()["Config"].toArray().first().toObject()["Subnet"].toString();
        QVERIFY(!subnet.isEmpty());
        QCOMPARE(s->model().net("scene-net")->subnet, subnet);
        if (runAndWait("run -d --name n1 --network scene-net strata/busybox sleep 600", &out, &err) != 0)
            QSKIP(qPrintable("the kernel refuses veth pairs here: " + err));
        QCOMPARE(runAndWait("run -d --name n2 --network scene-net strata/busybox sleep 600"), 0);
        const int port = strata::engine::lesson::freeLoopbackPort();
        QCOMPARE(runAndWait(QStringLiteral("run -d --name nweb -p 127.0.0.1:%1:80 strata/busybox httpd -f -p 80 -h /etc").arg(port)), 0);
        for (const char *name : {"n1", "n2"}) {
            QCOMPARE(runAndWait(QStringLiteral("inspect %1").arg(QLatin1String(name)), &out), 0);
            const QString ip = QJsonDocument::fromJson(out.toUtf8()).array().first().toObject()["NetworkSettings"].toObject()["Networks"]
                                   .toObject()["scene-net"].toObject()["IPAddress"].toString();
            QVERIFY(!ip.isEmpty());
            const QString key = QLatin1String(name) + QStringLiteral("/scene-net");
            QTRY_VERIFY_WITH_TIMEOUT(s->item("endpoint", key), 10000);
            QVERIFY(s->item("veth", key));
            QCOMPARE(s->model().ctrByName(QLatin1String(name))->endpoints.first().ip, ip);
            QCOMPARE(stateOf(s, "veth", key), QStringLiteral("idle"));
        }
        // The door: the published port as `port` prints it, on the default bridge's cable.
        QTRY_VERIFY_WITH_TIMEOUT(s->item("door", "nweb/80/tcp"), 10000);
        QVERIFY(s->item("dnat", "nweb/80/tcp"));
        QVERIFY(s->item("veth", "nweb/bridge"));
        QCOMPARE(s->model().ctrByName("nweb")->ports.first().hostSide(), QStringLiteral("127.0.0.1:%1").arg(port));
        // ping by name: both cables of the path carry it; the web server's does not.
        QCOMPARE(runAndWait("exec n1 ping -c 1 n2", &out), 0);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(s, "veth", "n2/scene-net"), QStringLiteral("flow"), 10000);
        QCOMPARE(stateOf(s, "veth", "n1/scene-net"), QStringLiteral("flow"));
        QCOMPARE(stateOf(s, "veth", "nweb/bridge"), QStringLiteral("idle"));
        settle();
        screenshots("network");
        // Unplugged and taken down: the cables, the door and the bridge go.
        QCOMPARE(runAndWait("rm -f n1 n2 nweb"), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!s->item("container", "n1") && !s->item("door", "nweb/80/tcp"), 10000);
        QCOMPARE(runAndWait("network rm scene-net"), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!s->item("bridge", "scene-net"), 10000);
    }

    void cleanupTestCase() { m_w.reset(); }
};

QTEST_MAIN(TestScenes)
#include "tst_Scenes.moc"
