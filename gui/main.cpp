// SPDX-License-Identifier: GPL-3.0-or-later
// strata-gui [--root DIR] [--driver NAME] [--lang zh_CN|en] [--lesson N [--lesson-step K]]
//            [--run 'COMMAND']... [--screenshot FILE] [--dump-scene FILE]
//            [--scene ID] [--present] [--host URL]
#include "app/Language.h"
#include "widgets/HostSwitcher.h"
#include "widgets/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFontDatabase>

#include <cstdlib>
#include <iostream>

using namespace strata::gui;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Strata"));
    QApplication::setApplicationName(QStringLiteral("strata-gui"));
    QApplication::setApplicationVersion(QStringLiteral(STRATA_VERSION));

    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Strata: a container engine you can watch."));
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption root(QStringLiteral("root"), QStringLiteral("Store root directory."), QStringLiteral("DIR"));
    const QCommandLineOption driver(QStringLiteral("driver"), QStringLiteral("Union driver: overlay or userspace."),
                                    QStringLiteral("NAME"));
    const QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("Interface language: zh_CN or en."),
                                  QStringLiteral("LANG"));
    const QCommandLineOption lesson(QStringLiteral("lesson"), QStringLiteral("Open lesson N."), QStringLiteral("N"));
    const QCommandLineOption run(QStringLiteral("run"),
                                 QStringLiteral("Run a console command at start (repeatable; in order)."),
                                 QStringLiteral("COMMAND"));
    const QCommandLineOption image(QStringLiteral("image"), QStringLiteral("Image to show first."),
                                   QStringLiteral("REF"));
    const QCommandLineOption shot(QStringLiteral("screenshot"),
                                  QStringLiteral("Write a PNG of the window once settled, then exit."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption dump(QStringLiteral("dump-scene"),
                                  QStringLiteral("Write JSON of what the current scene draws once settled, then exit."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption sceneOpt(QStringLiteral("scene"),
                                      QStringLiteral("Scene to show: %1.").arg(MainWindow::sceneIds().join(QStringLiteral(", "))),
                                      QStringLiteral("ID"));
    const QCommandLineOption present(QStringLiteral("present"), QStringLiteral("Start in presentation mode (F5)."));
    const QCommandLineOption view(QStringLiteral("view"), QStringLiteral("Central view: stack or explorer."),
                                  QStringLiteral("VIEW"));
    const QCommandLineOption path(QStringLiteral("path"), QStringLiteral("Select this path in the scene and explorer."),
                                  QStringLiteral("PATH"));
    const QCommandLineOption lessonStep(QStringLiteral("lesson-step"),
                                        QStringLiteral("With --lesson: play steps 1..K (typing their commands) and stay on K."),
                                        QStringLiteral("K"));
    const QCommandLineOption host(QStringList{QStringLiteral("H"), QStringLiteral("host")},
                                  QStringLiteral("Show a real engine instead of Strata's store: docker, podman, unix://PATH, "
                                                 "tcp://HOST:PORT, ssh://USER@HOST (default: $DOCKER_HOST, then the last choice)."),
                                  QStringLiteral("URL"));
    p.addOptions({root, driver, lang, lesson, lessonStep, run, image, shot, dump, sceneOpt, present, view, path, host});
    p.process(app);

    StartOptions o;
    o.engine.root = p.value(root).toStdString();
    if (o.engine.root.empty())
        if (const char *r = std::getenv("STRATA_ROOT"); r && *r)
            o.engine.root = r;
    o.engine.driver = p.value(driver).toStdString();
    o.run = p.values(run);
    o.screenshot = p.value(shot);
    o.dumpScene = p.value(dump);
    o.scene = p.value(sceneOpt);
    o.present = p.isSet(present);
    o.select = p.value(image);
    o.lesson = p.value(lesson).toInt();
    o.lessonStep = p.value(lessonStep).toInt();
    o.view = p.value(view);
    o.path = p.value(path);
    o.host = HostSwitcher::initialHost(p.value(host));

    if (!o.scene.isEmpty() && !MainWindow::sceneIds().contains(o.scene)) {
        // Not the layer stack in its place: a screenshot must show what was asked for.
        std::cerr << "strata-gui: unknown scene \"" << o.scene.toStdString() << "\": use one of "
                  << MainWindow::sceneIds().join(QStringLiteral(", ")).toStdString() << "\n";
        return 2;
    }
    const QString language = p.isSet(lang) ? p.value(lang) : initialLanguage();
    if (!setLanguage(language)) {
        std::cerr << "strata-gui: unknown language \"" << language.toStdString() << "\": use zh_CN or en\n";
        return 2;
    }
    MainWindow w(o);
    if ((!o.screenshot.isEmpty() || !o.dumpScene.isEmpty()) && !o.present)
        w.resize(1600, 1000);
    w.show();
    return QApplication::exec();
}
