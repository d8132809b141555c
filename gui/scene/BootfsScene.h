// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Scene 7 of UX.md: bootfs / rootfs. One host kernel bar (this machine's
// `uname -r`) under every container the engine knows (from its snapshot):
// each stands on the kernel with only its image's rootfs and its thin
// read-write layer. "Textbook vs reality": the textbook's image has a bootfs
// (bootloader + kernel) under the rootfs; a real image tar holds no kernel —
// `uname -r` inside a container prints the host's release, shown here from
// the last run that asked (the command's real output).
//
// Kinds: "kernel" (key host; detail = release), "container" (key name;
// state lit = running, idle = not), "rootfs" (key name), "reality"
// (key uname; state pending/same/differs).

#include "scene/EventScene.h"

namespace strata::gui {

class NoteItem;

class BootfsScene : public EventScene {
    Q_OBJECT
public:
    explicit BootfsScene(QObject *parent = nullptr);
    void onSnapshot(const EngineSnapshotPtr &s) override;
    void retranslate() override;
    [[nodiscard]] QString hostRelease() const { return m_host; }
    [[nodiscard]] QString insideRelease() const { return m_inside; }

protected:
    void handle(const engine::events::Event &) override {}
    void handleCommand(const SceneCommand &c) override;

private:
    void rebuild();

    struct Column {
        QString name, image, status;
        quint64 imageBytes = 0;
        bool running = false;
    };
    QList<Column> m_columns;
    QString m_host, m_inside, m_insideContainer;
    NoteItem *m_reality = nullptr;
};

} // namespace strata::gui
