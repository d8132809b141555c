// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/DiagramPanel.h"

#include "app/Language.h"
#include "diagram/DiagramScene.h"
#include "scene/SceneView.h"

#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QHBoxLayout>
#include <QVBoxLayout>

namespace strata::gui {

DiagramPanel::DiagramPanel(QWidget *parent)
    : QWidget(parent), m_choose(new QComboBox(this)), m_scene(new DiagramScene(this)), m_view(new SceneView(m_scene, this))
{
    setObjectName(QStringLiteral("diagramPanel"));
    m_choose->setObjectName(QStringLiteral("diagramChooser"));
    m_view->setObjectName(QStringLiteral("diagramView"));
    auto *l = new QVBoxLayout(this);
    l->setContentsMargins(4, 4, 4, 0);
    l->addWidget(m_choose);
    l->addWidget(m_view, 1);
    for (const QString &name : Diagram::builtinNames())
        m_choose->addItem(name, name);
    connect(m_choose, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_scene->setDiagram(Diagram::builtin(m_choose->itemData(i).toString()));
        m_view->fitInView(m_scene->sceneRect(), Qt::KeepAspectRatio);
    });
    redraw();
    m_scene->setDiagram(Diagram::builtin(Diagram::builtinNames().front()));
}

void DiagramPanel::showDiagram(const QString &name)
{
    const int i = m_choose->findData(name);
    if (i >= 0)
        m_choose->setCurrentIndex(i);
}

void DiagramPanel::redraw()
{
    const QString lang = currentLanguage();
    for (int i = 0; i < m_choose->count(); ++i)
        m_choose->setItemText(i, Diagram::builtin(m_choose->itemData(i).toString()).title.in(lang));
    m_scene->redraw();
    m_view->fitInView(m_scene->sceneRect(), Qt::KeepAspectRatio);
}

void DiagramPanel::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange)
        redraw();
    QWidget::changeEvent(e);
}

} // namespace strata::gui
