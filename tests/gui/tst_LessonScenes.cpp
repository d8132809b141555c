// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 12, checked wiring: every step of every lesson played in the app
// (offscreen, one window, each lesson on its own store) shows the scene the
// step names, every highlight it asks for lights an item that scene draws,
// and the stack shown is the step subject's (a container's image, or the
// image named). Read from the scene's JSON, what --dump-scene writes.
#include "app/Language.h"
#include "core/EngineHost.h"
#include "engine/lesson/LessonLibrary.h"
#include "lesson/LessonPanel.h"
#include "lesson/LessonSession.h"
#include "scene/LayerStackScene.h"
#include "widgets/MainWindow.h"
#include "widgets/ScenePanel.h"
#include "tests/support/StoreCleanup.h"

#include <QApplication>
#include <QDirIterator>
#include <QFileInfo>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace strata::gui;
namespace lesson = strata::engine::lesson;

class TestLessonScenes : public QObject {
    Q_OBJECT
    QTemporaryDir m_root;
    std::unique_ptr<MainWindow> m_w;
    QElapsedTimer m_clock;

    LessonStatePtr state() const { return m_w->lessonSession()->state(); }

    void waitIdle()
    {
        QTRY_VERIFY_WITH_TIMEOUT(!m_w->lessonSession()->busy(), 120000);
        QTRY_VERIFY_WITH_TIMEOUT(m_w->settled(), 60000);
    }

    // The image id the step's subject stands for: a container's image, or
    // the image named; empty when the subject is gone (removed by the step).
    QString subjectImageId(const QString &subject) const
    {
        const auto snap = m_w->host()->lastSnapshot();
        if (!snap)
            return {};
        for (const auto &c : snap->containers)
            if (QString::fromStdString(c.name) == subject)
                return QString::fromStdString(c.imageId.str());
        for (const auto &img : snap->images)
            for (const auto &t : img.repoTags)
                if (QString::fromStdString(t) == subject || QString::fromStdString(t) == subject + QStringLiteral(":latest"))
                    return QString::fromStdString(img.id.str());
        return {};
    }

    // What the window shows agrees with the step: scene, lit items, subject.
    void verifyScene(const lesson::Lesson &l, const lesson::Step &step)
    {
        const QString where = QStringLiteral("lesson %1 step %2: ").arg(l.number).arg(QString::fromStdString(step.id));
        const QString id = QString::fromStdString(step.scene->id);
        // What is lit and not: a scene may draw an item when its image's
        // detail arrives, after the window settled — poll with a deadline.
        QStringList lit, missing;
        auto look = [&] {
            const QJsonObject d = m_w->sceneDump();
            lit.clear();
            missing.clear();
            for (const auto &v : d.value("highlighted").toArray())
                lit << v.toString();
            for (const auto &h : step.scene->highlight) {
                const QString key = QString::fromStdString(h);
                if (!lit.contains(key))
                    missing << key;
            }
            return d;
        };
        QJsonObject dump = look();
        for (int t = 0; t < 100 && !missing.isEmpty(); ++t) {
            QTest::qWait(100);
            dump = look();
        }
        QVERIFY2(dump.value("scene").toString() == id,
                 qPrintable(where + "shows scene " + dump.value("scene").toString() + ", not " + id));
        QVERIFY2(missing.isEmpty(), qPrintable(where + missing.join(", ") + " lit nothing; lit: " + lit.join(", ")));
        const QString subject = QString::fromStdString(state()->sceneSubject);
        if (subject.isEmpty())
            return;
        if (id == QLatin1String("layer-stack") || id == QLatin1String("copy-on-write") || id == QLatin1String("charts")) {
            const QString want = subjectImageId(subject);
            if (want.isEmpty())
                return; // the step removed its subject: nothing to follow
            auto shownNow = [&] {
                return id == QLatin1String("charts") ? subjectImageIdOfSelection()
                                                     : m_w->sceneDump().value("imageId").toString();
            };
            QString shown = shownNow();
            for (int t = 0; t < 100 && shown != want; ++t) { // the subject's detail may still be on its way
                QTest::qWait(100);
                shown = shownNow();
            }
            QVERIFY2(shown == want, qPrintable(where + "the stack shown is " + shown + " (" + dump.value("image").toString() +
                                               "), not the image of " + subject + " (" + want + ")"));
        } else {
            QVERIFY2(dump.value("subject").toString() == subject,
                     qPrintable(where + "the scene follows " + dump.value("subject").toString() + ", not " + subject));
        }
    }

    QString subjectImageIdOfSelection() const { return subjectImageId(m_w->selectedImage()); }

private slots:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("lessons run containers: needs root (CI runs this suite as root)");
        QCoreApplication::setOrganizationName(QStringLiteral("StrataTestLessonScenes"));
        // The scenes' beat at its fastest (the speed slider's top, 4×) and no moving
        // dots: what is drawn is the same, the wait for each step shorter.
        QSettings().setValue(QStringLiteral("scene/speed"), 16);
        QSettings().setValue(QStringLiteral("scene/reducedMotion"), true);
        setLanguage(QStringLiteral("en"));
        StartOptions o;
        o.engine.root = (m_root.path() + "/student").toStdString();
        o.lessonRoot = m_root.path() + "/lesson";
        m_w = std::make_unique<MainWindow>(o);
        m_w->resize(1600, 1000);
        m_w->show();
        m_w->scene()->setSpeed(20.0); // beyond the slider: a 25 ms beat, every event still drawn
        m_w->scenes()->setSpeed(20.0);
        QTRY_VERIFY_WITH_TIMEOUT(m_w->settled(), 120000);
        m_clock.start();
    }

    void everyStepShowsItsScene_data()
    {
        QTest::addColumn<int>("number");
        for (const auto &l : lesson::loadLessons(lesson::lessonsDir()))
            QTest::addRow("lesson %02d", l.number) << l.number;
    }

    void everyStepShowsItsScene()
    {
        QFETCH(int, number);
        // Each lesson on a store of its own (progress is saved per store).
        if (!m_w->lessonSession())
            m_w->openLesson(QString::number(number));
        else
            m_w->lessonSession()->open(QString::number(number), m_root.path() + QStringLiteral("/lesson-%1").arg(number));
        QTRY_VERIFY_WITH_TIMEOUT(state() && state()->lesson->number == number && state()->index == 0, 120000);
        waitIdle();
        const lesson::Lesson l = *state()->lesson;
        for (std::size_t i = 0; i < l.steps.size(); ++i) {
            QCOMPARE(state()->index, i);
            const auto &step = l.steps[i];
            QElapsedTimer t;
            t.start();
            if (!state()->passed) {
                m_w->lessonSession()->playStep();
                QTRY_VERIFY_WITH_TIMEOUT(!m_w->lessonSession()->busy(), 120000);
                const qint64 played = t.elapsed();
                waitIdle();
                if (qEnvironmentVariableIsSet("STRATA_TEST_TIMING"))
                    qInfo("%s: played %lld ms, settled %lld ms", step.id.c_str(), (long long)played, (long long)t.elapsed());
            }
            QVERIFY2(state()->passed, qPrintable(QStringLiteral("lesson %1 step %2 did not pass when played")
                                                     .arg(number).arg(QString::fromStdString(step.id))));
            if (step.scene)
                verifyScene(l, step);
            if (QTest::currentTestFailed())
                return;
            if (i + 1 < l.steps.size()) {
                m_w->lessonSession()->next();
                waitIdle();
            }
        }
        qInfo("lesson %d: %lld ms since the first lesson began", number, static_cast<long long>(m_clock.elapsed()));
    }

    void cleanupTestCase()
    {
        QSettings().clear();
        m_w.reset();
        // The lessons' stores: what they left running (web servers, lesson 14's
        // networks with their bridges on the host) goes before the directory does.
        QDirIterator it(m_root.path(), QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        QStringList stores;
        while (it.hasNext()) {
            const QString d = it.next();
            if (it.fileName() == QLatin1String("containers") && !d.contains(QLatin1String("/containers/")))
                stores << QFileInfo(d).path();
        }
        // ps -a of each ends empty: nothing outlives the test.
        for (const QString &root : stores)
            QVERIFY2(strata::test::clearStore(root), qPrintable(root));
    }
};

QTEST_MAIN(TestLessonScenes)
#include "tst_LessonScenes.moc"
