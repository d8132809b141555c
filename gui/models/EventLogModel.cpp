// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/EventLogModel.h"

#include "core/EventText.h"

#include <QDateTime>

namespace strata::gui {

EventLogModel::EventLogModel(QObject *parent) : QAbstractTableModel(parent) {}

void EventLogModel::append(const EventBatch &events)
{
    if (events.isEmpty())
        return;
    const int incoming = std::min<int>(events.size(), kCapacity);
    const int overflow = static_cast<int>(m_events.size()) + incoming - kCapacity;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        m_events.erase(m_events.begin(), m_events.begin() + overflow);
        endRemoveRows();
    }
    const int first = static_cast<int>(m_events.size());
    beginInsertRows({}, first, first + incoming - 1);
    for (int i = events.size() - incoming; i < events.size(); ++i)
        m_events.push_back(events[i]);
    endInsertRows();
}

void EventLogModel::clear()
{
    beginResetModel();
    m_events.clear();
    endResetModel();
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_events.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto &e = eventAt(index.row());
    if (role == JsonRole)
        return QString::fromStdString(e.toJson().dump(2));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Time: {
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(e.time.time_since_epoch()).count();
        return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss.zzz"));
    }
    case Type: return QString::fromUtf8(e.type().data(), static_cast<int>(e.type().size()));
    case Action: return QString::fromUtf8(e.action().data(), static_cast<int>(e.action().size()));
    case Subject: return shortDigest(e.id);
    case What: return describeEvent(e);
    default: return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Type: return tr("Type");
    case Action: return tr("Action");
    case Subject: return tr("Subject");
    case What: return tr("What happened");
    default: return {};
    }
}

} // namespace strata::gui
