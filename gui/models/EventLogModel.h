// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The event log: every engine event as a row (time, type, action, subject,
// one-sentence description), newest last, capped so a long session stays
// light. The model filters itself (setFilterText): a QSortFilterProxyModel
// over a log that drops its oldest rows on every batch remapped all 10,000
// rows per batch, which made the table stutter once the log was full.

#include "core/Snapshots.h"

#include <QAbstractTableModel>

#include <cstdint>
#include <deque>

namespace strata::gui {

class EventLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Type, Action, Subject, What, ColumnCount };
    enum Role { JsonRole = Qt::UserRole + 1 };
    static constexpr int kCapacity = 10000;

    explicit EventLogModel(QObject *parent = nullptr);
    // One row removal (the oldest beyond kCapacity) and one insertion per batch.
    void append(const EventBatch &events);
    void clear();
    // Rows are the kept events whose text in any column contains `text`
    // (case-insensitive); empty = every event.
    void setFilterText(const QString &text);
    [[nodiscard]] const QString &filterText() const { return m_filter; }
    // The event shown at `row` (a row of this model, so filtered).
    [[nodiscard]] const engine::events::Event &eventAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    [[nodiscard]] QString cellText(const engine::events::Event &e, int column) const;
    [[nodiscard]] bool matches(const engine::events::Event &e) const;
    [[nodiscard]] bool filtered() const { return !m_filter.isEmpty(); }

    std::deque<engine::events::Event> m_events; // the kept events, oldest first
    std::uint64_t m_firstSeq = 0;               // sequence number of m_events.front()
    QString m_filter;
    std::deque<std::uint64_t> m_shown;          // while filtered: sequence numbers of the rows
};

} // namespace strata::gui
