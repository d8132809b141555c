// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Scene 8 of UX.md: client and daemon. Console (client) → engine (daemon)
// → store as three boxes; each console command travels to the engine as a
// packet when the engine thread takes it (EngineHost::commandStarted), the
// engine's events during the call flash the store with a counter, and the
// answer travels back with its exit status (commandFinished). The same
// split as `docker` → dockerd → /var/lib/docker; here the engine is a
// thread of this app, and `strata` in a terminal is its own client + engine.
//
// Kinds: "endpoint" (client, engine, store; state lit/idle), "wire"
// (request, answer, store; state flow/idle), "packet" (key = command id,
// state request/answered/refused), "command-row".

#include "scene/EventScene.h"

namespace strata::gui {

class NoteItem;
class BoxItem;

class ClientDaemonScene : public EventScene {
    Q_OBJECT
public:
    explicit ClientDaemonScene(QObject *parent = nullptr);
    [[nodiscard]] int eventsDuringLast() const { return m_lastEvents; }

protected:
    void handle(const engine::events::Event &e) override;
    void handleCommand(const SceneCommand &c) override;

private:
    void build();
    void addRow(const SceneCommand &c);

    BoxItem *m_packet = nullptr;
    int m_inFlight = 0, m_eventsNow = 0, m_lastEvents = 0;
    QStringList m_rows;
};

} // namespace strata::gui
