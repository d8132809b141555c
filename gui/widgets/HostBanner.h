// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The line above the scenes that says which real host the window shows
// ("Podman at unix:///run/podman/podman.sock — engine 4.3.1"), that the
// connection was lost and when the next attempt is, or why a host cannot
// be used. Hidden while Strata's own engine is shown.

#include "core/HostState.h"

#include <QLabel>

namespace strata::gui {

class HostBanner : public QLabel {
    Q_OBJECT
public:
    explicit HostBanner(QWidget *parent = nullptr);

    void setState(const HostState &state);
    [[nodiscard]] const HostState &state() const { return m_state; }
    // The sentence for a state (also the window's status tip).
    [[nodiscard]] static QString describe(const HostState &state);

protected:
    void changeEvent(QEvent *e) override;

private:
    void render();
    HostState m_state;
};

} // namespace strata::gui
