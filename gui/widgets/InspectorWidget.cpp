// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/InspectorWidget.h"

#include "models/JsonTreeModel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace strata::gui {

InspectorWidget::InspectorWidget(QWidget *parent) : QWidget(parent)
{
    m_model = new JsonTreeModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    m_search = new QLineEdit(this);
    m_search->setClearButtonEnabled(true);
    m_tree = new QTreeView(this);
    m_tree->setModel(m_proxy);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->setObjectName(QStringLiteral("inspectorTree"));
    m_copyValue = new QToolButton(this);
    m_copyPath = new QToolButton(this);
    m_copyJson = new QToolButton(this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_copyValue);
    buttons->addWidget(m_copyPath);
    buttons->addWidget(m_copyJson);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_title);
    layout->addWidget(m_search);
    layout->addWidget(m_tree, 1);
    layout->addLayout(buttons);
    connect(m_search, &QLineEdit::textChanged, this, &InspectorWidget::setFilter);
    connect(m_copyValue, &QToolButton::clicked, this, [this] { copy(0); });
    connect(m_copyPath, &QToolButton::clicked, this, [this] { copy(1); });
    connect(m_copyJson, &QToolButton::clicked, this, [this] { copy(2); });
    auto *copyAction = new QAction(this);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copyAction, &QAction::triggered, this, [this] { copy(0); });
    m_tree->addAction(copyAction);
    retranslate();
}

QString InspectorWidget::title() const
{
    return m_title->text();
}

void InspectorWidget::setJson(const QString &title, const QString &json)
{
    m_title->setText(title);
    m_model->setJsonText(json);
    m_tree->expandToDepth(0);
}

void InspectorWidget::setFilter(const QString &text)
{
    m_proxy->setFilterFixedString(text);
    if (!text.isEmpty())
        m_tree->expandAll();
}

void InspectorWidget::copy(int what)
{
    QModelIndex i = m_tree->currentIndex();
    if (!i.isValid())
        i = m_proxy->index(0, 0);
    if (!i.isValid())
        return;
    const QModelIndex src = m_proxy->mapToSource(i.siblingAtColumn(0));
    QString text;
    if (what == 0)
        text = m_model->data(src.siblingAtColumn(JsonTreeModel::Value), Qt::DisplayRole).toString();
    else if (what == 1)
        text = m_model->data(src, JsonTreeModel::PathRole).toString();
    else
        text = m_model->data(src, JsonTreeModel::JsonTextRole).toString();
    QApplication::clipboard()->setText(text);
}

void InspectorWidget::retranslate()
{
    m_search->setPlaceholderText(tr("Search keys and values…"));
    m_copyValue->setText(tr("Copy value"));
    m_copyPath->setText(tr("Copy path"));
    m_copyPath->setToolTip(tr("The path in Go-template form, for inspect --format"));
    m_copyJson->setText(tr("Copy JSON"));
    if (m_title->text().isEmpty())
        m_title->setText(tr("Select an image to inspect it."));
}

void InspectorWidget::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(e);
}

} // namespace strata::gui
