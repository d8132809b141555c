// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/EventLogWidget.h"

#include "models/EventLogModel.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace strata::gui {

EventLogWidget::EventLogWidget(EventLogModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    m_filter = new QLineEdit(this);
    m_filter->setClearButtonEnabled(true);
    m_follow = new QCheckBox(this);
    m_follow->setChecked(true);
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(20);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setColumnWidth(EventLogModel::Time, 95);
    m_table->setColumnWidth(EventLogModel::Type, 70);
    m_table->setColumnWidth(EventLogModel::Action, 90);
    m_table->setColumnWidth(EventLogModel::Subject, 110);
    auto *row = new QHBoxLayout;
    row->addWidget(m_filter, 1);
    row->addWidget(m_follow);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(row);
    layout->addWidget(m_table, 1);
    connect(m_filter, &QLineEdit::textChanged, m_model, &EventLogModel::setFilterText);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_follow->isChecked())
            m_table->scrollToBottom();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &i) {
        if (i.isValid())
            emit eventSelected(m_model->data(i, EventLogModel::JsonRole).toString());
    });
    retranslate();
}

void EventLogWidget::retranslate()
{
    m_filter->setPlaceholderText(tr("Filter events (type, action, subject, text)…"));
    m_follow->setText(tr("Follow"));
}

void EventLogWidget::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(e);
}

} // namespace strata::gui
