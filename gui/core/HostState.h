// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Which engine the app shows, and how the connection to it stands: what the
// host banner says and what the window enables. Plain data, sent by value
// from the host worker's thread.

#include <QMetaType>
#include <QString>

namespace strata::gui {

struct HostState {
    enum class Phase {
        Local,      // Strata's own store (no host)
        Connecting, // first contact, or a reconnect attempt under way
        Connected,  // talking to the host; its event stream is open
        Lost,       // the host stopped answering: retrying with backoff
        Invalid,    // the URL itself is wrong: nothing to retry
    };
    Phase phase = Phase::Local;
    QString url;        // as the client resolved it: "unix:///run/podman/podman.sock"
    QString engine;     // "Docker" or "Podman"
    QString version;    // the engine's own version ("20.10.24", "4.3.1")
    QString apiVersion; // negotiated Engine API version ("1.41")
    QString error;      // the last problem, one line, naming the host
    int retryInSeconds = 0; // Lost: when the next attempt starts
    int attempts = 0;       // Lost: reconnect attempts so far

    [[nodiscard]] bool onHost() const { return phase != Phase::Local; }
    [[nodiscard]] bool connected() const { return phase == Phase::Connected; }
};

} // namespace strata::gui

Q_DECLARE_METATYPE(strata::gui::HostState)
