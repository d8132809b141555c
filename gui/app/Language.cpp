// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/Language.h"

#include <QCoreApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace strata::gui {

namespace {

QTranslator *g_app = nullptr;
QTranslator *g_qt = nullptr;
QString g_current = QStringLiteral("en");

} // namespace

QStringList availableLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

bool setLanguage(const QString &code)
{
    if (!availableLanguages().contains(code))
        return false;
    if (g_app) {
        QCoreApplication::removeTranslator(g_app);
        delete g_app;
        g_app = nullptr;
    }
    if (g_qt) {
        QCoreApplication::removeTranslator(g_qt);
        delete g_qt;
        g_qt = nullptr;
    }
    g_app = new QTranslator;
    const QString qm = QStringLiteral(":/i18n/strata_gui_%1.qm").arg(code);
    if (g_app->load(qm)) {
        QCoreApplication::installTranslator(g_app);
    } else {
        delete g_app;
        g_app = nullptr;
        if (code != QLatin1String("en"))
            return false;
    }
    g_qt = new QTranslator;
    if (g_qt->load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"),
                   QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(g_qt);
    QLocale::setDefault(QLocale(code == QLatin1String("zh_CN") ? QLocale::Chinese : QLocale::English,
                                code == QLatin1String("zh_CN") ? QLocale::China : QLocale::UnitedStates));
    g_current = code;
    QSettings().setValue(QStringLiteral("language"), code);
    return true;
}

QString currentLanguage()
{
    return g_current;
}

QString initialLanguage()
{
    const QString saved = QSettings().value(QStringLiteral("language")).toString();
    if (availableLanguages().contains(saved))
        return saved;
    return QLocale::system().name().startsWith(QLatin1String("zh")) ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

} // namespace strata::gui
