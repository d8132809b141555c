// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 11: the picture tells the truth. With demo-web selected, commands on
// a busybox container draw busybox's chain (and the layer a commit adds on
// it) in every scene, never demo-web's layers; the scenes rebuild from the
// engine's state (a second window on the same store draws the containers
// that exist; removed ones go); the dump (--dump-scene) says what is drawn.
#include "app/Language.h"
#include "core/CommandLine.h"
#include "core/EngineHost.h"
#include "core/ExecChildren.h"
#include "core/GuiStepGate.h"
#include "lesson/LessonPanel.h"
#include "scene/EventScene.h"
#include "scene/LayerStackScene.h"
#include "scene/SceneItems.h"
#include "scene/SceneShapes.h"
#include "scene/SceneView.h"
#include "widgets/MainWindow.h"
#include "widgets/ScenePanel.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPainterPathStroker>
#include <QGraphicsPathItem>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace strata::gui;

class TestSceneTruth : public QObject {
    Q_OBJECT
    QTemporaryDir m_root;
    std::unique_ptr<MainWindow> m_w;
    QString m_whyNot;

    std::unique_ptr<MainWindow> openWindow(const QString &select)
    {
        StartOptions o;
        o.engine.root = m_root.path().toStdString();
        o.select = select;
        auto w = std::make_unique<MainWindow>(o);
        w->resize(1600, 1000);
        w->show();
        return w;
    }

    int runAndWait(MainWindow *w, const QString &line, QString *out = nullptr, QString *err = nullptr)
    {
        QSignalSpy done(w->host(), &EngineHost::commandFinished);
        const int id = w->host()->run(line);
        for (int i = 0; i < 600; ++i) {
            for (const auto &args : done)
                if (args.at(0).toInt() == id) {
                    if (out)
                        *out = args.at(2).toString();
                    if (err)
                        *err = args.at(3).toString();
                    settle(w);
                    return args.at(1).toInt();
                }
            done.wait(200);
        }
        return -1;
    }

    static void settle(MainWindow *w)
    {
        // settled() counts an answer the scenes have not heard yet (ScenePanel::animating()).
        (void)QTest::qWaitFor([&] { return w->settled(); }, 30000);
    }

    QStringList diffIds(const QString &ref)
    {
        QString out;
        if (runAndWait(m_w.get(), QStringLiteral("image inspect ") + ref, &out) != 0)
            return {};
        QStringList ids;
        for (const auto v : QJsonDocument::fromJson(out.toUtf8()).array().at(0)[QStringLiteral("RootFS")][QStringLiteral("Layers")].toArray())
            ids << v.toString();
        return ids;
    }

    static QStringList strings(const QJsonArray &a)
    {
        QStringList out;
        for (const auto v : a)
            out << (v.isString() ? v.toString() : QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)));
        return out;
    }

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("StrataSceneTruthTest"));
        setLanguage(QStringLiteral("en"));
        m_w = openWindow(QStringLiteral("strata/demo-web:1.0"));
        QTRY_VERIFY_WITH_TIMEOUT(m_w->settled(), 120000);
        if (::geteuid() != 0)
            m_whyNot = QStringLiteral("containers need root (user namespaces are not set up for this run)");
    }

    void busyboxCommandsShowOnlyBusyboxChain()
    {
        if (!m_whyNot.isEmpty())
            QSKIP(qPrintable(m_whyNot));
        const QStringList busybox = diffIds(QStringLiteral("strata/busybox:latest"));
        const QStringList web = diffIds(QStringLiteral("strata/demo-web:1.0"));
        QCOMPARE(busybox.size(), 1);
        QCOMPARE(web.size(), 3);
        QCOMPARE(m_w->selectedImage(), QStringLiteral("strata/demo-web:1.0"));
        QString err;
        if (runAndWait(m_w.get(), QStringLiteral("run --name c2 strata/busybox touch /happiness.txt"), nullptr, &err) != 0)
            QSKIP(qPrintable("the kernel refused the container: " + err));
        QCOMPARE(runAndWait(m_w.get(), QStringLiteral("commit c2 demo/happy:1")), 0);
        const QStringList happy = diffIds(QStringLiteral("demo/happy:1"));
        QCOMPARE(happy.size(), 2);
        QCOMPARE(happy.front(), busybox.front()); // the new image stands on the real parent
        settle(m_w.get());

        // The stack: busybox's chain, c2 on it, the commit's layer beside it; no web layer.
        m_w->showScene(QStringLiteral("layer-stack"));
        QJsonObject d = m_w->sceneDump();
        QCOMPARE(strings(d[QStringLiteral("layers")].toArray()), busybox);
        QCOMPARE(d[QStringLiteral("containers")].toArray().size(), 1);
        QCOMPARE(d[QStringLiteral("containers")].toArray().at(0)[QStringLiteral("name")].toString(), QStringLiteral("c2"));
        QCOMPARE(d[QStringLiteral("committed")].toArray().size(), 1); // commit keeps c2 and adds a layer
        QCOMPARE(d[QStringLiteral("committed")].toArray().at(0)[QStringLiteral("image")].toString(), QStringLiteral("demo/happy:1"));
        QCOMPARE(d[QStringLiteral("committed")].toArray().at(0)[QStringLiteral("layer")].toInt(), 2);

        // Every scene: nothing of demo-web's own layers is drawn.
        for (const QString &id : ScenePanel::sceneIds()) {
            QVERIFY(m_w->showScene(id));
            const QJsonObject s = m_w->sceneDump();
            QCOMPARE(s[QStringLiteral("scene")].toString(), id);
            const QString text = QString::fromUtf8(QJsonDocument(s).toJson());
            for (int i = 1; i < web.size(); ++i)
                QVERIFY2(!text.contains(web[i]), qPrintable(id + " draws demo-web's layer " + web[i]));
            for (const auto v : s[QStringLiteral("layers")].toArray())
                QVERIFY2(busybox.contains(v.toString()) || happy.contains(v.toString()), qPrintable(id + ": " + v.toString()));
        }
        // The dump file is the same JSON.
        QTemporaryDir out;
        const QString file = out.filePath(QStringLiteral("scene.json"));
        m_w->showScene(QStringLiteral("layer-stack"));
        QVERIFY(m_w->dumpScene(file));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(f.readAll()).object()[QStringLiteral("scene")].toString(), QStringLiteral("layer-stack"));
    }

    void selectingAnImageNeverRelabelsAnother()
    {
        if (!m_whyNot.isEmpty())
            QSKIP(qPrintable(m_whyNot));
        m_w->showScene(QStringLiteral("layer-stack"));
        m_w->selectImage(QStringLiteral("strata/demo-web:1.0"));
        QTRY_COMPARE_WITH_TIMEOUT(m_w->sceneDump()[QStringLiteral("layers")].toArray().size(), 3, 20000);
        settle(m_w.get());
        // c2 is busybox's: not drawn on demo-web.
        QCOMPARE(m_w->sceneDump()[QStringLiteral("containers")].toArray().size(), 0);
    }

    void stateAtStartIsDrawnAndClickShowsTheLayer()
    {
        if (!m_whyNot.isEmpty())
            QSKIP(qPrintable(m_whyNot));
        // A second window on the same store: c2 existed before it started.
        auto w = openWindow(QStringLiteral("strata/busybox:latest"));
        QTRY_VERIFY_WITH_TIMEOUT(w->settled(), 120000);
        settle(w.get());
        QJsonObject d = w->sceneDump();
        QCOMPARE(d[QStringLiteral("containers")].toArray().size(), 1);
        QCOMPARE(d[QStringLiteral("containers")].toArray().at(0)[QStringLiteral("name")].toString(), QStringLiteral("c2"));
        // Its layer holds what it wrote, drawn from `diff`.
        bool happiness = false;
        for (QGraphicsItem *i : w->scene()->itemsOfKind(QStringLiteral("tile-state")))
            happiness |= i->data(KeyData).toString() == QLatin1String("/happiness.txt");
        QVERIFY(happiness);
        // Click the container in the list, with another image shown: its own stack, its layer lit.
        w->selectImage(QStringLiteral("strata/demo-web:1.0"));
        QTRY_COMPARE_WITH_TIMEOUT(w->sceneDump()[QStringLiteral("layers")].toArray().size(), 3, 20000);
        auto *list = w->findChild<QTableView *>(QStringLiteral("containerView"));
        QVERIFY(list);
        list->setCurrentIndex(list->model()->index(0, 0));
        QTRY_COMPARE_WITH_TIMEOUT(w->selectedImage(), QStringLiteral("strata/busybox:latest"), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(w->sceneDump()[QStringLiteral("highlighted")].toArray().contains(QStringLiteral("container:c2")), 20000);
        QVERIFY(w->caption().contains(QStringLiteral("c2")));
        w.reset();
    }

    void nothingRemovedStaysDrawn()
    {
        if (!m_whyNot.isEmpty())
            QSKIP(qPrintable(m_whyNot));
        m_w->selectImage(QStringLiteral("strata/busybox:latest"));
        settle(m_w.get());
        QCOMPARE(runAndWait(m_w.get(), QStringLiteral("rm -f c2")), 0);
        QCOMPARE(runAndWait(m_w.get(), QStringLiteral("rmi demo/happy:1")), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_w->sceneDump()[QStringLiteral("containers")].toArray().size(), 0, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(m_w->sceneDump()[QStringLiteral("committed")].toArray().size(), 0, 20000);
        m_w->showScene(QStringLiteral("commit"));
        QTRY_VERIFY_WITH_TIMEOUT(!QString::fromUtf8(QJsonDocument(m_w->sceneDump()).toJson()).contains(QStringLiteral("\"c2\"")), 20000);
    }

    void interactiveCommandsAreRefusedNotHung()
    {
        // `run -it`, `exec -it` and `attach` run in the console's terminal
        // (tst_ConsoleTerminal); what never ends by itself is refused.
        QString err;
        QCOMPARE(runAndWait(m_w.get(), QStringLiteral("logs -f web"), nullptr, &err), 1);
        QVERIFY2(err.contains(QStringLiteral("`logs -f`")), qPrintable(err));
        QCOMPARE(m_w->host()->pendingCommands(), 0); // the console is free again
        QVERIFY(runsInTerminal(consoleArgs("exec -it web sh")));
        QVERIFY(runsInTerminal(consoleArgs("attach web")));
        QVERIFY(!runsInTerminal(consoleArgs("logs -f web")));
        // Only what really attaches a terminal is refused.
        auto needs = [](const char *line) { return needsTerminal(consoleArgs(line)); };
        QCOMPARE(needs("run -it strata/busybox sh"), std::string("run -it"));
        QCOMPARE(needs("run --name x -i strata/busybox sh"), std::string("run -i"));
        QCOMPARE(needs("container exec --tty web sh"), std::string("exec -t"));
        QCOMPARE(needs("logs -f web"), std::string("logs -f"));
        QCOMPARE(needs("run -dit strata/busybox sh"), std::string());       // detached: nothing attached
        QCOMPARE(needs("run strata/busybox ls -t /"), std::string());       // the container's own -t
        QCOMPARE(needs("run -e A=-it strata/busybox true"), std::string()); // an option's value
        QCOMPARE(needs("create -it strata/busybox sh"), std::string());
        QCOMPARE(needs("logs -t web"), std::string());
        QCOMPARE(needs("stats --no-stream"), std::string());
    }

    void stopEndsARunningCommand()
    {
        if (!m_whyNot.isEmpty())
            QSKIP(qPrintable(m_whyNot));
        QSignalSpy done(m_w->host(), &EngineHost::commandFinished);
        bool started = false;
        auto c = connect(m_w->host(), &EngineHost::eventsArrived, this, [&](const EventBatch &b) {
            for (const auto &e : b)
                started |= e.kind == strata::engine::events::EventKind::ProcessStarted;
        });
        const int id = m_w->host()->run(QStringLiteral("run --rm strata/busybox sleep 600"));
        // Wait until its PID 1 runs, then Stop.
        QTRY_VERIFY_WITH_TIMEOUT(started || !done.isEmpty(), 30000);
        disconnect(c);
        m_w->host()->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), 30000);
        QCOMPARE(done.front().at(0).toInt(), id);
        QVERIFY(done.front().at(1).toInt() != 0); // killed, not finished
        QCOMPARE(m_w->host()->pendingCommands(), 0);
    }

    // `wait` and `exec` block until a container or process ends: Stop
    // (Ctrl+C) ends them, the container keeps running, the console is free.
    void stopEndsWaitAndExec()
    {
        if (!m_whyNot.isEmpty())
            QSKIP(qPrintable(m_whyNot));
        QCOMPARE(runAndWait(m_w.get(), QStringLiteral("run -d --name longrun strata/busybox sleep 600")), 0);
        QSignalSpy done(m_w->host(), &EngineHost::commandFinished);
        const int wait = m_w->host()->run(QStringLiteral("wait longrun"));
        QTRY_VERIFY_WITH_TIMEOUT(m_w->host()->waitingFor().contains(QStringLiteral("longrun")), 10000);
        // Meanwhile the console answers other commands.
        QCOMPARE(runAndWait(m_w.get(), QStringLiteral("ps")), 0);
        QVERIFY(std::none_of(done.begin(), done.end(), [&](const QList<QVariant> &a) { return a.at(0).toInt() == wait; }));
        auto *input = m_w->findChild<QLineEdit *>(QStringLiteral("consoleInput"));
        QVERIFY(input);
        input->setFocus();
        QTest::keyClick(input, Qt::Key_C, Qt::ControlModifier); // the console's Ctrl+C
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(done.begin(), done.end(), [&](const QList<QVariant> &a) { return a.at(0).toInt() == wait; }), 10000);
        for (const auto &a : done)
            if (a.at(0).toInt() == wait)
                QCOMPARE(a.at(1).toInt(), 130);

        bool execStarted = false;
        auto c = connect(m_w->host(), &EngineHost::eventsArrived, this, [&](const EventBatch &b) {
            for (const auto &e : b)
                execStarted |= e.kind == strata::engine::events::EventKind::ContainerExecStarted;
        });
        const int exec = m_w->host()->run(QStringLiteral("exec longrun sleep 600"));
        QTRY_VERIFY_WITH_TIMEOUT(execStarted, 30000);
        disconnect(c);
        QTRY_VERIFY_WITH_TIMEOUT(!execShimTrees().isEmpty(), 10000);
        m_w->host()->cancel(); // the Stop button
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(done.begin(), done.end(), [&](const QList<QVariant> &a) { return a.at(0).toInt() == exec; }), 30000);
        QCOMPARE(m_w->host()->pendingCommands(), 0);
        // The engine thread is free again and the container still runs.
        QString out;
        QCOMPARE(runAndWait(m_w.get(), QStringLiteral("inspect --format {{.State.Running}} longrun"), &out), 0);
        QCOMPARE(out.trimmed(), QStringLiteral("true"));
        // A wait on a container that ends by itself returns its code.
        const int wait2 = m_w->host()->run(QStringLiteral("wait longrun"));
        QCOMPARE(runAndWait(m_w.get(), QStringLiteral("kill longrun")), 0);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(done.begin(), done.end(), [&](const QList<QVariant> &a) { return a.at(0).toInt() == wait2; }), 30000);
        for (const auto &a : done)
            if (a.at(0).toInt() == wait2) {
                QCOMPARE(a.at(1).toInt(), 0);
                QCOMPARE(a.at(2).toString().trimmed(), QStringLiteral("137"));
            }
        QCOMPARE(runAndWait(m_w.get(), QStringLiteral("rm -f longrun")), 0);
    }

    // Presentation mode at 1280x720: every label of the layer stack is at
    // least 14 px on screen, and no label overlaps a beam or another label.
    void presentationLabelsAreReadableAndApart()
    {
        if (m_whyNot.isEmpty()) {
            QString err;
            if (runAndWait(m_w.get(), QStringLiteral("run --name cw strata/demo-web:1.0 sh -c 'echo x > /etc/web.conf; rm /srv/www/index.html; touch /tmp/new'"),
                           nullptr, &err) != 0)
                QSKIP(qPrintable("the kernel refused the container: " + err));
        }
        m_w->selectImage(QStringLiteral("strata/demo-web:1.0"));
        m_w->showScene(QStringLiteral("layer-stack"));
        settle(m_w.get());
        m_w->setPresentation(true);
        m_w->showNormal(); // the offscreen screen is small: the room's 1280x720 by hand
        m_w->resize(1280, 720);
        QTest::qWait(1200); // the view refits a few times a second
        auto *view = qobject_cast<SceneView *>(m_w->currentExportView());
        QVERIFY(view);
        (void)view->grab(); // paint once: items note the sizes they painted with
        const qreal zoom = view->transform().m11();
        QVERIFY2(zoom > 0.9, qPrintable(QString::number(zoom))); // the stack fills the centre
        LayerStackScene *s = m_w->scene();
        int labels = 0;
        for (QGraphicsItem *i : s->items()) {
            const int px = i->data(MinFontData).toInt();
            if (px == 0 || !i->isVisible())
                continue;
            ++labels;
            const qreal onScreen = px * zoom * i->sceneTransform().m11();
            QVERIFY2(onScreen >= 14, qPrintable(QStringLiteral("%1 %2: %3 px").arg(i->data(KindData).toString(), i->data(KeyData).toString()).arg(onScreen)));
        }
        QVERIFY(labels > 10);
        // Dir labels' texts and the merged view's tiles never overlap each other.
        QList<QRectF> texts;
        for (QGraphicsItem *i : s->itemsOfKind(QStringLiteral("dir-label")))
            texts << i->mapRectToScene(static_cast<DirLabelItem *>(static_cast<QGraphicsObject *>(i))->textRect());
        for (int a = 0; a < texts.size(); ++a)
            for (int b = a + 1; b < texts.size(); ++b)
                QVERIFY2(!texts[a].intersects(texts[b]), "two dir labels overlap");
        QList<QGraphicsItem *> tiles = s->itemsOfKind(QStringLiteral("tile-merged"));
        for (int a = 0; a < tiles.size(); ++a)
            for (int b = a + 1; b < tiles.size(); ++b)
                QVERIFY(!tiles[a]->sceneBoundingRect().adjusted(2, 2, -2, -2).intersects(tiles[b]->sceneBoundingRect().adjusted(2, 2, -2, -2)));
        // Beams cross no tile, no slab (they end on the top edge) and no dir label.
        QPainterPathStroker stroke;
        stroke.setWidth(1.6);
        QList<QGraphicsItem *> solid = tiles;
        solid << s->itemsOfKind(QStringLiteral("layer")) << s->itemsOfKind(QStringLiteral("container-layer"))
              << s->itemsOfKind(QStringLiteral("committed-layer"));
        for (QGraphicsItem *b : s->itemsOfKind(QStringLiteral("beam"))) {
            const QPainterPath beam = stroke.createStroke(static_cast<QGraphicsPathItem *>(b)->path());
            for (QGraphicsItem *o : solid)
                QVERIFY2(!beam.intersects(o->sceneBoundingRect().adjusted(5, 11, -5, -5)), // rings and dots sit on the top edge
                         qPrintable(b->data(KeyData).toString() + " crosses " + o->data(KindData).toString() + " " + o->data(KeyData).toString()));
            for (const QRectF &t : texts)
                QVERIFY(!beam.intersects(t));
        }
        m_w->setPresentation(false);
        m_w->resize(1600, 1000);
        if (m_whyNot.isEmpty())
            QCOMPARE(runAndWait(m_w.get(), QStringLiteral("rm cw")), 0);
    }

    // Every scene, in presentation mode at 1280x720: every label painted at
    // 14 px or more on screen, no two labels overlapping, no arrow or beam
    // crossing a label that is not its own; three containers all named.
    void everySceneIsProjectorGrade()
    {
        if (m_whyNot.isEmpty()) {
            for (const char *name : {"p1", "p2", "p3"})
                QCOMPARE(runAndWait(m_w.get(), QStringLiteral("run -d --name %1 strata/demo-web:1.0 sleep 600").arg(QLatin1String(name))), 0);
            QCOMPARE(runAndWait(m_w.get(), QStringLiteral("exec p1 sh -c 'echo x > /etc/web.conf; rm /srv/www/index.html'")), 0);
            QCOMPARE(runAndWait(m_w.get(), QStringLiteral("run --rm -v pdata:/data strata/busybox sh -c 'echo hi > /data/f'")), 0);
            QCOMPARE(runAndWait(m_w.get(), QStringLiteral("commit p2 demo/present:1")), 0);
        }
        m_w->selectImage(QStringLiteral("strata/demo-web:1.0"));
        settle(m_w.get());
        m_w->setPresentation(true);
        m_w->showNormal(); // the offscreen screen is small: the room's 1280x720 by hand
        m_w->resize(1280, 720);
        QTRY_COMPARE(m_w->size(), QSize(1280, 720));
        QStringList problems; // all of them at once, not the first
        for (const QString &id : ScenePanel::sceneIds()) {
            QVERIFY(m_w->showScene(id));
            QTest::qWait(1000); // the view refits a few times a second
            settle(m_w.get());
            auto *view = qobject_cast<SceneView *>(m_w->currentExportView());
            QVERIFY(view);
            (void)view->grab(); // paint once: items note their text sizes and rectangles
            const qreal zoom = view->transform().m11();
            QGraphicsScene *s = view->scene();
            struct Label {
                QGraphicsItem *item;
                QRectF rect;
            };
            QList<Label> labels;
            QList<QPair<QGraphicsItem *, QPainterPath>> lines;
            int sized = 0;
            qreal smallest = 1e9;
            for (QGraphicsItem *i : s->items()) {
                if (!i->isVisible() || i->effectiveOpacity() < 0.2 || !view->mapToScene(view->viewport()->rect()).boundingRect().intersects(i->sceneBoundingRect()))
                    continue;
                const QString what = id + ": " + i->data(KindData).toString() + " " + i->data(KeyData).toString();
                if (const int px = i->data(MinFontData).toInt(); px > 0) {
                    ++sized;
                    const qreal onScreen = px * zoom * i->sceneTransform().m11();
                    smallest = std::min(smallest, onScreen);
                    if (onScreen < 14)
                        problems << QStringLiteral("%1: %2 px").arg(what).arg(onScreen);
                }
                for (const QVariant &r : i->data(TextRectsData).toList())
                    labels << Label{i, i->mapRectToScene(r.toRectF())};
                if (auto *a = dynamic_cast<ArrowItem *>(i))
                    lines << qMakePair(i, i->sceneTransform().map(a->line()));
                else if (i->data(KindData).toString() == QLatin1String("beam"))
                    lines << qMakePair(i, i->sceneTransform().map(static_cast<QGraphicsPathItem *>(i)->path()));
            }
            QVERIFY2(sized > 3, qPrintable(id));
            qInfo("%s: zoom %.2f, %d labels, smallest %.1f px", qPrintable(id), zoom, sized, smallest);
            auto name = [](QGraphicsItem *i) { return i->data(KindData).toString() + " " + i->data(KeyData).toString(); };
            for (int a = 0; a < labels.size(); ++a)
                for (int b = a + 1; b < labels.size(); ++b)
                    if (labels[a].item != labels[b].item)
                        if (labels[a].rect.adjusted(1, 1, -1, -1).intersects(labels[b].rect.adjusted(1, 1, -1, -1)))
                            problems << id + ": " + name(labels[a].item) + " overlaps " + name(labels[b].item);
            QPainterPathStroker stroke;
            stroke.setWidth(3);
            for (const auto &[item, path] : lines) {
                const QPainterPath body = stroke.createStroke(path);
                for (const Label &l : labels)
                    if (l.item != item && body.intersects(l.rect.adjusted(1, 1, -1, -1)))
                        problems << id + ": " + name(item) + " crosses " + name(l.item);
            }
        }
        problems.removeDuplicates();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        if (m_whyNot.isEmpty()) {
            m_w->showScene(QStringLiteral("copy-on-write"));
            settle(m_w.get());
            // Three containers on one image: every container layer is named, large enough.
            QVERIFY(m_w->sceneDump()[QStringLiteral("containers")].toArray().size() >= 3);
            const QList<QGraphicsItem *> slabs = m_w->scene()->itemsOfKind(QStringLiteral("container-layer"));
            QVERIFY(slabs.size() >= 3);
            for (QGraphicsItem *i : slabs)
                QVERIFY2(i->data(MinFontData).toInt() >= 14, qPrintable(i->data(KeyData).toString()));
        }
        m_w->setPresentation(false);
        m_w->resize(1600, 1000);
        if (m_whyNot.isEmpty())
            QCOMPARE(runAndWait(m_w.get(), QStringLiteral("rm -f p1 p2 p3")), 0);
    }

    // Help ▸ Getting started opens (F1); an exported SVG names real font
    // families, not Qt's "Sans Serif" alias.
    void gettingStartedAndSvgFonts()
    {
        QTest::keyClick(m_w.get(), Qt::Key_F1);
        QTRY_VERIFY(m_w->findChild<QWidget *>(QStringLiteral("gettingStarted")));
        auto *box = m_w->findChild<QWidget *>(QStringLiteral("gettingStarted"));
        QVERIFY(box->isVisible());
        box->close();
        QTemporaryDir out;
        const QString file = out.filePath(QStringLiteral("stack.svg"));
        m_w->showScene(QStringLiteral("layer-stack"));
        QVERIFY(m_w->exportCurrentView(file));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray svg = f.readAll();
        QVERIFY(svg.contains("font-family="));
        QVERIFY(!svg.contains("font-family=\"Sans Serif\""));
        QVERIFY(svg.contains("sans-serif"));
    }

    // No content resizes the window: a check message of unbroken JSON, a
    // long caption, phase line, console answer and lesson note all wrap or
    // elide inside the window's size.
    void longMessagesNeverResizeTheWindow()
    {
        StartOptions o;
        o.engine.root = m_root.path().toStdString();
        o.lessonRoot = m_root.filePath(QStringLiteral("lesson-1"));
        o.lesson = 1;
        MainWindow w(o);
        w.resize(1280, 720);
        w.show();
        QTRY_VERIFY_WITH_TIMEOUT(w.lessonPanel() && w.settled(), 120000);
        settle(&w);
        const QSize before = w.size();
        QString json = QStringLiteral("{");
        for (int i = 0; i < 120; ++i)
            json += QStringLiteral("\"RootFS.Layers[%1]\":\"sha256:%2\",").arg(i).arg(QString(64, QChar('a' + i % 6)));
        json += QStringLiteral("}");
        const QString sentence = QStringLiteral("A very long sentence about layers and copy-on-write that keeps going. ").repeated(40);
        int labels = 0;
        for (const char *name : {"lessonVerdict", "lessonNote", "lessonHint", "lessonStepTitle"})
            if (auto *l = w.lessonPanel()->findChild<QLabel *>(QLatin1String(name))) {
                l->setText(json);
                l->show();
                ++labels;
            }
        QVERIFY(labels > 0);
        w.findChild<QLabel *>(QStringLiteral("caption"))->setText(sentence + json);
        auto *panel = w.findChild<ScenePanel *>();
        QVERIFY(panel);
        panel->setPhaseLine(json);
        runAndWait(&w, QStringLiteral("inspect --format '%1' strata/busybox").arg(QString(json).replace('\'', ' ')));
        for (int i = 0; i < 10; ++i) {
            QTest::qWait(50);
            QApplication::processEvents();
        }
        QCOMPARE(w.size(), before);
        QVERIFY(w.lessonPanel()->width() < w.width());
        w.close();
        m_w->activateWindow(); // the shortcuts of later slots go to the first window
    }

    // Step mode: the runtime's phase goes on its own line and the wait into
    // the status bar; the scene's caption is never replaced by them.
    void stepPhaseHasItsOwnLine()
    {
        if (!m_whyNot.isEmpty())
            QSKIP(qPrintable(m_whyNot));
        auto *panel = m_w->findChild<ScenePanel *>();
        QVERIFY(panel);
        m_w->showScene(QStringLiteral("run"));
        QSignalSpy done(m_w->host(), &EngineHost::commandFinished);
        const int id = m_w->host()->run(QStringLiteral("run --step --rm strata/busybox true"));
        QTRY_VERIFY_WITH_TIMEOUT(m_w->host()->gate()->waiting(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(panel->phaseLine().contains(QStringLiteral("phase 1 of")), 10000);
        QVERIFY(!m_w->caption().contains(QStringLiteral("phase 1 of")));
        QTRY_VERIFY_WITH_TIMEOUT(m_w->host()->waitingFor().contains(QStringLiteral("Step")), 10000);
        QVERIFY(panel->phaseLine().contains(QStringLiteral("Step")));
        m_w->host()->gate()->step();
        QTRY_VERIFY_WITH_TIMEOUT(panel->phaseLine().contains(QStringLiteral("phase 2 of")), 10000);
        QVERIFY(!m_w->caption().contains(QStringLiteral("phase 2 of")));
        for (QAction *a : m_w->findChildren<QAction *>()) // Continue (F8): step mode off, run to the end
            if (a->shortcut() == QKeySequence(Qt::Key_F8))
                a->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(done.begin(), done.end(), [&](const QList<QVariant> &a) { return a.at(0).toInt() == id; }), 60000);
        QVERIFY(!m_w->host()->gate()->stepMode());
        QTRY_VERIFY_WITH_TIMEOUT(panel->phaseLine().isEmpty(), 10000);
    }

    void cleanupTestCase()
    {
        m_w->host()->gate()->continueAll();
        if (m_whyNot.isEmpty()) // whatever failed, no container outlives the store
            runAndWait(m_w.get(), QStringLiteral("rm -f p1 p2 p3 cw longrun"));
        m_w.reset();
    }
};

QTEST_MAIN(TestSceneTruth)
#include "tst_SceneTruth.moc"
