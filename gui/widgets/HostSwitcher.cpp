// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/HostSwitcher.h"

#include "engine/remote/HostUrl.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>

#include <cstdlib>

namespace strata::gui {

namespace {

const QString kSetting = QStringLiteral("host/url");
const QString kLastRemote = QStringLiteral("host/lastRemote");
enum Row { Own, Docker, Podman, Remote };

// Where the named engine's socket is, for the item's words: the one found, or where it would be.
QString socketOf(const char *engine, const char *fallback)
{
    const std::string found = engine::remote::detectDefaultSocket(engine);
    return QStringLiteral("unix://") + QString::fromStdString(found.empty() ? fallback : found);
}

} // namespace

HostSwitcher::HostSwitcher(QWidget *parent) : QWidget(parent), m_label(new QLabel(this)), m_combo(new QComboBox(this))
{
    setObjectName(QStringLiteral("hostSwitcher"));
    m_combo->setObjectName(QStringLiteral("hostCombo"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (int i = 0; i <= Remote; ++i)
        m_combo->addItem(QString());
    auto *l = new QHBoxLayout(this);
    l->setContentsMargins(4, 0, 4, 0);
    l->addWidget(m_label);
    l->addWidget(m_combo);
    connect(m_combo, &QComboBox::activated, this, &HostSwitcher::onActivated);
    retranslate();
}

QString HostSwitcher::initialHost(const QString &flag)
{
    if (!flag.isEmpty())
        return flag;
    try {
        if (const auto chosen = engine::remote::chooseHost({}))
            return QString::fromStdString(chosen->text);
    } catch (const std::exception &) {
        if (const char *env = std::getenv("DOCKER_HOST"); env && *env)
            return QString::fromUtf8(env);
    }
    return QSettings().value(kSetting).toString();
}

void HostSwitcher::setCurrent(const QString &url)
{
    m_current = url;
    if (url.isEmpty())
        m_combo->setCurrentIndex(Own);
    else if (url == QLatin1String("docker"))
        m_combo->setCurrentIndex(Docker);
    else if (url == QLatin1String("podman"))
        m_combo->setCurrentIndex(Podman);
    else
        m_combo->setCurrentIndex(Remote);
    retranslate();
}

QString HostSwitcher::current() const
{
    return m_current;
}

void HostSwitcher::onActivated(int index)
{
    QString url;
    if (index == Docker)
        url = QStringLiteral("docker");
    else if (index == Podman)
        url = QStringLiteral("podman");
    else if (index == Remote) {
        url = askForUrl();
        if (url.isEmpty()) { // cancelled: the choice stays what it was
            setCurrent(m_current);
            return;
        }
    }
    if (url == m_current)
        return;
    setCurrent(url);
    QSettings().setValue(kSetting, url);
    emit hostChosen(url);
}

QString HostSwitcher::askForUrl()
{
    QSettings s;
    bool ok = false;
    const QString url = QInputDialog::getText(this, tr("Show a remote engine"),
                                              tr("Engine API address (unix:///PATH, tcp://HOST:PORT, ssh://USER@HOST):"),
                                              QLineEdit::Normal, s.value(kLastRemote, QStringLiteral("tcp://127.0.0.1:2375")).toString(), &ok)
                            .trimmed();
    if (!ok || url.isEmpty())
        return {};
    try {
        (void)engine::remote::parseHostUrl(url.toStdString());
    } catch (const std::exception &e) {
        QMessageBox::warning(this, tr("Show a remote engine"), QString::fromStdString(e.what()));
        return {};
    }
    s.setValue(kLastRemote, url);
    return url;
}

void HostSwitcher::retranslate()
{
    m_label->setText(tr("Engine:"));
    m_combo->setItemText(Own, tr("Strata's own engine"));
    m_combo->setItemData(Own, tr("The images and containers in Strata's store; every scene and lesson works here"), Qt::ToolTipRole);
    const QString docker = socketOf("docker", "/var/run/docker.sock");
    m_combo->setItemText(Docker, tr("Docker (%1)").arg(docker));
    m_combo->setItemData(Docker, tr("The Docker daemon on this machine, through its Engine API socket"), Qt::ToolTipRole);
    const QString podman = socketOf("podman", "/run/podman/podman.sock");
    m_combo->setItemText(Podman, tr("Podman (%1)").arg(podman));
    m_combo->setItemData(Podman, tr("Podman's Docker-compatible API service (podman system service)"), Qt::ToolTipRole);
    const bool remote = !m_current.isEmpty() && m_current != QLatin1String("docker") && m_current != QLatin1String("podman");
    m_combo->setItemText(Remote, remote ? tr("Remote: %1").arg(m_current) : tr("Remote URL…"));
    m_combo->setItemData(Remote, tr("Another engine by its address: unix://, tcp:// (TLS with DOCKER_TLS_VERIFY) or ssh://"), Qt::ToolTipRole);
    setToolTip(tr("Which engine the lists, scenes and console show"));
}

void HostSwitcher::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(e);
}

} // namespace strata::gui
