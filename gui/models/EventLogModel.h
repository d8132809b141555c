// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The event log: every engine event as a row (time, type, action, subject,
// one-sentence description), newest last, capped so a long session stays
// light. Filtering is a QSortFilterProxyModel in the panel.

#include "core/Snapshots.h"

#include <QAbstractTableModel>

#include <deque>

namespace strata::gui {

class EventLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Type, Action, Subject, What, ColumnCount };
    enum Role { JsonRole = Qt::UserRole + 1 };
    static constexpr int kCapacity = 10000;

    explicit EventLogModel(QObject *parent = nullptr);
    void append(const EventBatch &events);
    void clear();
    [[nodiscard]] const engine::events::Event &eventAt(int row) const { return m_events[static_cast<std::size_t>(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    std::deque<engine::events::Event> m_events;
};

} // namespace strata::gui
