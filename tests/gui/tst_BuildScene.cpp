// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 16, the build scene: `build` typed in the app's console drives it
// through the engine's Build* events; its dump tells the truth (the
// Dockerfile's steps, the lit step, the layers = the built image's chain,
// the config card = the image's Config); a rebuild flashes "Using cache";
// a failing RUN lights its step as failed; labels stay >= 14 px on screen
// in presentation mode at 1280x720.
#include "app/Language.h"
#include "core/EngineHost.h"
#include "scene/BuildScene.h"
#include "scene/SceneShapes.h"
#include "scene/SceneView.h"
#include "widgets/BuildDialog.h"
#include "widgets/ConsoleWidget.h"
#include "widgets/MainWindow.h"
#include "widgets/ScenePanel.h"

#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace strata::gui;

class TestBuildScene : public QObject {
    Q_OBJECT
    QTemporaryDir m_root, m_ctx;
    std::unique_ptr<MainWindow> m_w;
    QString m_whyNot;

    // Typed into the console, as a user would.
    int type(const QString &line, QString *out = nullptr)
    {
        QSignalSpy done(m_w->host(), &EngineHost::commandFinished);
        m_w->console()->runLine(line);
        if (!done.wait(240000))
            return -1;
        if (out)
            *out = done.front().at(2).toString();
        // settled() counts an answer the scenes have not heard yet (ScenePanel::animating()).
        (void)QTest::qWaitFor([&] { return m_w->settled(); }, 30000);
        return done.front().at(1).toInt();
    }

    BuildScene *scene() { return static_cast<BuildScene *>(m_w->scenes()->scene(QStringLiteral("build"))); }

    void write(const QString &name, const QByteArray &text)
    {
        QFile f(m_ctx.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
    }

    QStringList chainOf(const QString &ref)
    {
        QString out;
        if (type(QStringLiteral("image inspect --format '{{json .RootFS.Layers}}' ") + ref, &out) != 0)
            return {};
        QStringList ids;
        for (const auto &v : QJsonDocument::fromJson(out.toUtf8()).array())
            ids << v.toString();
        return ids;
    }

    static QStringList strings(const QJsonArray &a)
    {
        QStringList out;
        for (const auto &v : a)
            out << v.toString();
        return out;
    }

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("StrataBuildSceneTest"));
        setLanguage(QStringLiteral("en"));
        StartOptions o;
        o.engine.root = m_root.path().toStdString();
        m_w = std::make_unique<MainWindow>(o);
        m_w->resize(1500, 1000);
        m_w->show();
        QTRY_VERIFY_WITH_TIMEOUT(m_w->settled(), 120000);
        for (auto *d : m_w->findChildren<QDockWidget *>())
            d->hide();
        if (::geteuid() != 0)
            m_whyNot = QStringLiteral("RUN steps need containers, which need root here");
    }

    void consoleBuildDrivesTheScene()
    {
        if (!m_whyNot.isEmpty())
            QSKIP(qPrintable(m_whyNot));
        QVERIFY(m_w->showScene(QStringLiteral("build")));
        write(QStringLiteral("a.txt"), "from the context\n");
        write(QStringLiteral("Dockerfile"), "FROM strata/busybox:latest\n"
                                            "ENV GREETING=hello\n"
                                            "RUN echo hi > /hi.txt\n"
                                            "COPY a.txt /a.txt\n"
                                            "CMD [\"cat\", \"/hi.txt\"]\n");
        QString out;
        QCOMPARE(type(QStringLiteral("build -t demo:built ") + m_ctx.path(), &out), 0);
        QVERIFY2(out.contains(QStringLiteral("Successfully tagged demo:built")), qPrintable(out));
        const QStringList chain = chainOf(QStringLiteral("demo:built"));
        QCOMPARE(chain.size(), chainOf(QStringLiteral("strata/busybox:latest")).size() + 2); // RUN and COPY
        QTRY_COMPARE_WITH_TIMEOUT(strings(scene()->dump()[QStringLiteral("layers")].toArray()), chain, 20000);
        const QJsonObject d = scene()->dump();
        const QJsonArray steps = d[QStringLiteral("instructions")].toArray();
        QCOMPARE(steps.size(), 5);
        QCOMPARE(steps[2].toObject()[QStringLiteral("text")].toString(), QStringLiteral("RUN echo hi > /hi.txt"));
        for (const auto &s : steps)
            QCOMPARE(s.toObject()[QStringLiteral("state")].toString(), QStringLiteral("done"));
        QCOMPARE(d[QStringLiteral("lit")].toInt(), 0);
        QVERIFY(d[QStringLiteral("context")].toString().endsWith(QStringLiteral("B")));
        const QJsonObject config = d[QStringLiteral("config")].toObject();
        QVERIFY(config[QStringLiteral("Env")].toArray().contains(QStringLiteral("GREETING=hello")));
        QCOMPARE(config[QStringLiteral("Cmd")].toArray(), (QJsonArray{QStringLiteral("cat"), QStringLiteral("/hi.txt")}));
        QCOMPARE(d[QStringLiteral("cacheHits")].toArray().size(), 0);
        QVERIFY(scene()->itemsOfKind(QStringLiteral("container")).isEmpty()); // committed down into a slab
        QCOMPARE(scene()->itemsOfKind(QStringLiteral("layer")).size(), chain.size());

        // Rebuilt: every step after FROM comes from the cache, the same chain.
        QCOMPARE(type(QStringLiteral("build -t demo:again ") + m_ctx.path(), &out), 0);
        QCOMPARE(out.count(QStringLiteral(" ---> Using cache")), 4);
        QTRY_COMPARE_WITH_TIMEOUT(scene()->dump()[QStringLiteral("cacheHits")].toArray().size(), 4, 20000);
        QCOMPARE(scene()->stateOf(QStringLiteral("instruction"), QStringLiteral("3")), QStringLiteral("cached"));
        QTRY_COMPARE_WITH_TIMEOUT(strings(scene()->dump()[QStringLiteral("layers")].toArray()), chain, 20000);
    }

    void failingRunLightsItsStep()
    {
        if (!m_whyNot.isEmpty())
            QSKIP(qPrintable(m_whyNot));
        write(QStringLiteral("Dockerfile"), "FROM strata/busybox:latest\nENV A=1\nRUN exit 3\nCMD [\"true\"]\n");
        QString out;
        QCOMPARE(type(QStringLiteral("build -t demo:broken ") + m_ctx.path(), &out), 3); // as Docker 20.10's CLI
        QTRY_COMPARE_WITH_TIMEOUT(scene()->stateOf(QStringLiteral("instruction"), QStringLiteral("3")), QStringLiteral("failed"), 20000);
        QCOMPARE(scene()->dump()[QStringLiteral("lit")].toInt(), 3);
        QCOMPARE(scene()->stateOf(QStringLiteral("instruction"), QStringLiteral("4")), QStringLiteral("idle"));
        // The failed step's container stays on the stack, as Docker keeps it.
        const auto kept = scene()->itemsOfKind(QStringLiteral("container"));
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.front()->data(2).toString(), QStringLiteral("failed"));
        QVERIFY(out.contains(QStringLiteral(" ---> Running in ") + kept.front()->data(1).toString().left(12)));
    }

    void labelsAreProjectorGrade()
    {
        m_w->showScene(QStringLiteral("build"));
        m_w->setPresentation(true);
        m_w->showNormal();
        m_w->resize(1280, 720);
        QTest::qWait(1200); // the view refits a few times a second
        auto *view = qobject_cast<SceneView *>(m_w->currentExportView());
        QVERIFY(view);
        (void)view->grab();
        const qreal zoom = view->transform().m11();
        int labels = 0;
        for (QGraphicsItem *i : scene()->items()) {
            if (!i->isVisible() || i->data(0).toString().isEmpty())
                continue;
            qreal px = 0;
            if (auto *b = dynamic_cast<BoxItem *>(i))
                px = std::min(b->titleSize * (b->subtitle ? b->subtitleScale : 1.0), b->badge.isEmpty() ? 1e9 : b->titleSize * 0.8);
            else if (auto *n = dynamic_cast<NoteItem *>(i))
                px = n->textSize;
            if (px <= 0)
                continue;
            ++labels;
            QVERIFY2(px * zoom >= 14, qPrintable(QStringLiteral("%1 %2: %3 px").arg(i->data(0).toString(), i->data(1).toString()).arg(px * zoom)));
        }
        QVERIFY(labels >= 6);
        m_w->setPresentation(false);
        QVERIFY(m_w->scenes()->grab().save(QStringLiteral("scene-build-en.png")));
    }

    void dialogHandsTheConsoleALine()
    {
        BuildDialog d;
        write(QStringLiteral("Dockerfile"), "FROM strata/busybox:latest\n");
        d.setContext(m_ctx.path());
        QCOMPARE(d.findChild<QPlainTextEdit *>(QStringLiteral("buildDockerfile"))->toPlainText(), QStringLiteral("FROM strata/busybox:latest\n"));
        d.findChild<QLineEdit *>(QStringLiteral("buildTag"))->setText(QStringLiteral("my img"));
        QCOMPARE(d.commandLine(), QStringLiteral("build -t 'my img' ") + m_ctx.path());
        d.findChild<QPlainTextEdit *>(QStringLiteral("buildDockerfile"))->setPlainText(QStringLiteral("FROM scratch\n"));
        d.accept();
        QFile f(m_ctx.filePath(QStringLiteral("Dockerfile")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("FROM scratch\n"));
    }

    void cleanupTestCase() { m_w.reset(); }
};

QTEST_MAIN(TestBuildScene)
#include "tst_BuildScene.moc"
