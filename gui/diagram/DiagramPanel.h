// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The diagrams tab: a chooser over the built-in diagrams and the one
// generic DiagramScene that draws the chosen one in the app's language.

#include <QWidget>

class QComboBox;

namespace strata::gui {

class DiagramScene;
class SceneView;

class DiagramPanel : public QWidget {
    Q_OBJECT
public:
    explicit DiagramPanel(QWidget *parent = nullptr);

    [[nodiscard]] DiagramScene *scene() const { return m_scene; }
    [[nodiscard]] SceneView *view() const { return m_view; }
    [[nodiscard]] QComboBox *chooser() const { return m_choose; }
    void showDiagram(const QString &name);
    // After a language or palette change.
    void redraw();

protected:
    void changeEvent(QEvent *e) override;

private:
    QComboBox *m_choose;
    DiagramScene *m_scene;
    SceneView *m_view;
};

} // namespace strata::gui
