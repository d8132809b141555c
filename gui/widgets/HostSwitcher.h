// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The toolbar's choice of engine: Strata's own | Docker | Podman | a remote
// URL. A choice made here is remembered (QSettings "host/url") and is what
// the next start shows, unless --host or $DOCKER_HOST say otherwise, as they
// do for the CLI (engine/remote/HostUrl's chooseHost).

#include <QWidget>

class QComboBox;
class QLabel;

namespace strata::gui {

class HostSwitcher : public QWidget {
    Q_OBJECT
public:
    explicit HostSwitcher(QWidget *parent = nullptr);

    // The host to show at start: --host, then $DOCKER_HOST / $DOCKER_CONTEXT,
    // then the remembered choice; "" = Strata's own engine. A value that does
    // not parse is returned as given: the banner then says what is wrong.
    [[nodiscard]] static QString initialHost(const QString &flag);

    // Shows `url` as chosen without announcing it.
    void setCurrent(const QString &url);
    [[nodiscard]] QString current() const;
    [[nodiscard]] QComboBox *combo() const { return m_combo; }

signals:
    // The user picked another engine ("" = Strata's own, "docker", "podman", a URL).
    void hostChosen(const QString &url);

protected:
    void changeEvent(QEvent *e) override;

private:
    void retranslate();
    void onActivated(int index);
    // Asks for a URL (the last one typed is offered); "" when cancelled or not valid.
    QString askForUrl();

    QLabel *m_label;
    QComboBox *m_combo;
    QString m_current;
};

} // namespace strata::gui
