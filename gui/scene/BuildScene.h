// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The build scene (issue 16, note 001's "FROM, then run + modify + commit"):
// left, the Dockerfile, one row per step as `Step i/n` counts them, the
// current one lit; middle, the image being built as a stack of its real
// layers (drawn from the step's image, asked of the engine after every
// step); right, the config card (Env, Cmd, Entrypoint, WorkingDir, User,
// Volumes, ExposedPorts, Labels) of that image. A RUN raises an amber
// container on the stack, which runs and is committed down into a new
// slab; a metadata-only step changes only the config card; a cache hit
// flashes "Using cache". Above, the client sends the build context to the
// engine. Opened before any build, it shows the newest image and its
// history rows as the steps that made it.
//
// Kinds: "endpoint" (client, engine), "wire" (context; state flow/idle),
// "instruction" (key = step number; highlight "step:N"; state idle, lit,
// done, cached, failed), "layer" (key = index from the bottom, highlight
// "layer:N"), "container" (key = container id; state running, committed),
// "config" (state changed/idle), "cache-flash" (state shown).

#include "scene/EventScene.h"

#include <QJsonObject>

namespace strata::gui {

class BoxItem;
class NoteItem;

class BuildScene : public EventScene {
    Q_OBJECT
public:
    explicit BuildScene(QObject *parent = nullptr);
    void onSnapshot(const EngineSnapshotPtr &s) override;
    void onDetail(const ImageDetailPtr &d) override;
    [[nodiscard]] QJsonObject dump() const override;
    [[nodiscard]] int litStep() const { return m_lit; }

protected:
    void handle(const engine::events::Event &e) override;

private:
    void showSteps(const QStringList &steps, const QString &done);
    void setStepState(int step, const QString &state);
    static void setBoxState(BoxItem *b, const QString &state);
    void drawStack();
    void raiseContainer(const QString &id, const QString &command);
    void lowerContainer();
    void flashCache(bool on);
    void wantImage(const QString &id);
    [[nodiscard]] QRectF slabRect(int index, int count) const;
    [[nodiscard]] QString configText() const;

    QStringList m_steps;          // as "Step i/n : …" prints them (or history rows before a build)
    int m_lit = 0;                // the step now running (1-based), 0 = none
    QString m_image;              // the image the current step has reached
    ImageDetailPtr m_detail;      // its layers and config, once the engine sent them
    QJsonObject m_config;         // its Config
    QString m_context;            // "2.048kB" sent, or empty
    QString m_previousConfig;     // to tell whether a step changed the card
    bool m_building = false, m_seenBuild = false;
    BoxItem *m_container = nullptr;
    BoxItem *m_client = nullptr, *m_engine = nullptr;
    NoteItem *m_card = nullptr, *m_cache = nullptr;
    QStringList m_cacheHits;
};

} // namespace strata::gui
