// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 15's pull scene, driven from the window's console against the real
// registry (Debian's docker-registry on a free loopback port, started here):
// an image is pushed (bars go up, Pushed, the digest), removed, and pulled
// back while strata/busybox — its bottom layer — stays: that bar lights
// "Already exists" against the store's slab, the others fill and complete,
// the digest printed is the scene's. The dump (--dump-scene) says so, and
// every label is at least 14 px on a 1280×720 projector.
#include "app/Language.h"
#include "core/EngineHost.h"
#include "scene/EventScene.h"
#include "scene/SceneItems.h"
#include "scene/SceneShapes.h"
#include "scene/SceneView.h"
#include "tests/engine/registry/LocalServers.h"
#include "widgets/MainWindow.h"
#include "widgets/ScenePanel.h"

#include <QApplication>
#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace strata::gui;

class TestPullScene : public QObject {
    Q_OBJECT
    QTemporaryDir m_root, m_dir;
    std::unique_ptr<strata::test::RegistryProcess> m_registry;
    std::unique_ptr<MainWindow> m_w;
    QString m_pushDigest;

    int runAndWait(const QString &line, QString *out = nullptr, QString *err = nullptr)
    {
        QSignalSpy done(m_w->host(), &EngineHost::commandFinished);
        const int id = m_w->host()->run(line); // returns at once: the engine thread does the work
        for (int i = 0; i < 900; ++i) {
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

    EventScene *pull() { return m_w->scenes()->scene(QStringLiteral("pull")); }
    QString name() const { return m_registry->host() + QStringLiteral("/demo/web:1.0"); }

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("docker-registry")).isEmpty())
            QSKIP("docker-registry is not installed (Debian package docker-registry)");
        m_registry = std::make_unique<strata::test::RegistryProcess>(std::filesystem::path(m_dir.path().toStdString()));
        QVERIFY2(m_registry->started(), qPrintable(m_registry->log()));
        QCoreApplication::setOrganizationName(QStringLiteral("StrataPullSceneTest"));
        setLanguage(QStringLiteral("en"));
        StartOptions o;
        o.engine.root = m_root.path().toStdString();
        o.select = QStringLiteral("strata/demo-web:1.0");
        m_w = std::make_unique<MainWindow>(o);
        m_w->resize(1500, 1000);
        m_w->show();
        QTRY_VERIFY_WITH_TIMEOUT(m_w->settled(), 120000);
        for (auto *d : m_w->findChildren<QDockWidget *>())
            d->hide();
    }

    void pushFillsBarsUpToTheRegistry()
    {
        QString out, err;
        QCOMPARE(runAndWait(QStringLiteral("tag strata/demo-web:1.0 ") + name()), 0);
        QVERIFY(m_w->showScene(QStringLiteral("pull")));
        QVERIFY2(runAndWait(QStringLiteral("push ") + name(), &out, &err) == 0, qPrintable(err));
        const QJsonObject d = pull()->dump();
        QCOMPARE(d[QStringLiteral("direction")].toString(), QStringLiteral("push"));
        QCOMPARE(d[QStringLiteral("registry")].toString(), m_registry->host());
        const QJsonArray bars = d[QStringLiteral("bars")].toArray();
        QCOMPARE(bars.size(), 3);
        for (const auto &b : bars)
            QCOMPARE(b.toObject()[QStringLiteral("status")].toString(), QStringLiteral("Pushed"));
        m_pushDigest = d[QStringLiteral("digest")].toString();
        QVERIFY(m_pushDigest.startsWith(QLatin1String("sha256:")));
        QVERIFY2(out.contains(QStringLiteral("1.0: digest: ") + m_pushDigest), qPrintable(out));
        QCOMPARE(pull()->stateOf(QStringLiteral("digest"), QStringLiteral("digest")), QStringLiteral("done"));
    }

    void pullLightsAlreadyExistsAgainstTheStoresSlab()
    {
        QVERIFY(!m_pushDigest.isEmpty());
        QCOMPARE(runAndWait(QStringLiteral("rmi ") + name()), 0);
        QCOMPARE(runAndWait(QStringLiteral("rmi strata/demo-web:1.0")), 0);
        QString out, err;
        QVERIFY2(runAndWait(QStringLiteral("pull ") + name(), &out, &err) == 0, qPrintable(err));
        const auto printed = QRegularExpression(QStringLiteral("Digest: (sha256:[0-9a-f]{64})")).match(out);
        QVERIFY2(printed.hasMatch(), qPrintable(out));
        QVERIFY(out.contains(QStringLiteral(": Already exists")));

        // Through the window's --dump-scene path, as a lesson author sees it.
        QVERIFY(m_w->showScene(QStringLiteral("pull")));
        const QString file = m_dir.filePath(QStringLiteral("pull.json"));
        QVERIFY(m_w->dumpScene(file));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject d = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(d[QStringLiteral("scene")].toString(), QStringLiteral("pull"));
        QCOMPARE(d[QStringLiteral("direction")].toString(), QStringLiteral("pull"));
        QCOMPARE(d[QStringLiteral("digest")].toString(), printed.captured(1));
        QCOMPARE(d[QStringLiteral("digest")].toString(), m_pushDigest); // the same manifest came back
        const QJsonArray bars = d[QStringLiteral("bars")].toArray();
        QCOMPARE(bars.size(), 3); // one bar per layer
        QCOMPARE(bars[0].toObject()[QStringLiteral("status")].toString(), QStringLiteral("Already exists"));
        for (int i = 1; i < 3; ++i) {
            const QJsonObject b = bars[i].toObject();
            QCOMPARE(b[QStringLiteral("status")].toString(), QStringLiteral("Pull complete"));
            QVERIFY(b[QStringLiteral("total")].toDouble() > 0); // bytes arrived and were counted
        }
        int barItems = 0;
        for (const auto &i : d[QStringLiteral("items")].toArray())
            barItems += i.toObject()[QStringLiteral("kind")].toString() == QLatin1String("layer-bar");
        QCOMPARE(barItems, 3);
        // The base bar points at the slab strata/busybox already had.
        const QString base = bars[0].toObject()[QStringLiteral("diff_id")].toString().mid(7, 12);
        QCOMPARE(pull()->stateOf(QStringLiteral("layer-bar"), QStringLiteral("0")), QStringLiteral("kept"));
        QCOMPARE(pull()->stateOf(QStringLiteral("local-layer"), base), QStringLiteral("lit"));
        QVERIFY(pull()->item(QStringLiteral("shared"), QStringLiteral("0")));
        QCOMPARE(pull()->stateOf(QStringLiteral("layer-bar"), QStringLiteral("1")), QStringLiteral("done"));
        QCOMPARE(pull()->stateOf(QStringLiteral("digest"), QStringLiteral("digest")), QStringLiteral("done"));
    }

    void labelsAreProjectorSized()
    {
        m_w->setPresentation(true);
        m_w->showNormal(); // the offscreen screen is small: the room's 1280x720 by hand
        m_w->resize(1280, 720);
        QVERIFY(m_w->showScene(QStringLiteral("pull")));
        QTest::qWait(1200); // the view refits a few times a second
        auto *view = m_w->scenes()->view(QStringLiteral("pull"));
        QVERIFY(view);
        (void)view->grab();
        const qreal zoom = view->transform().m11();
        int labels = 0;
        for (QGraphicsItem *i : pull()->items()) {
            if (!i->isVisible() || i->data(KindData).toString().isEmpty())
                continue;
            qreal px = 0;
            auto *o = dynamic_cast<QGraphicsObject *>(i);
            if (auto *b = qobject_cast<BoxItem *>(o)) {
                px = b->titleSize;
                if (b->subtitle && !b->subtitle().isEmpty())
                    px = std::min(px, b->titleSize * b->subtitleScale);
                QVERIFY(!b->detail); // the small monospace line is not used here
            } else if (auto *n = qobject_cast<NoteItem *>(o)) {
                px = n->textSize;
            } else if (auto *a = qobject_cast<ArrowItem *>(o)) {
                QVERIFY(!a->label); // arrow labels are 17 px: too small at this zoom
                continue;
            } else {
                continue;
            }
            ++labels;
            QVERIFY2(px * zoom >= 14, qPrintable(QStringLiteral("%1 %2: %3 px").arg(i->data(KindData).toString(), i->data(KeyData).toString()).arg(px * zoom)));
        }
        QVERIFY(labels >= 8);
        QVERIFY(view->grab().save(QStringLiteral("scene-pull-1280x720.png")));
    }

    void cleanupTestCase()
    {
        m_w.reset();
        m_registry.reset();
    }
};

QTEST_MAIN(TestPullScene)
#include "tst_PullScene.moc"
