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
        const std::uint64_t newFirst = m_firstSeq + static_cast<std::uint64_t>(overflow);
        // The rows of the dropped events are the first ones, in one removal.
        int gone = overflow;
        if (filtered()) {
            gone = 0;
            while (gone < static_cast<int>(m_shown.size()) && m_shown[static_cast<std::size_t>(gone)] < newFirst)
                ++gone;
        }
        if (gone > 0)
            beginRemoveRows({}, 0, gone - 1);
        m_events.erase(m_events.begin(), m_events.begin() + overflow);
        m_firstSeq = newFirst;
        if (filtered())
            m_shown.erase(m_shown.begin(), m_shown.begin() + gone);
        if (gone > 0)
            endRemoveRows();
    }
    std::vector<std::uint64_t> shown; // while filtered: the incoming events that match
    const std::uint64_t nextSeq = m_firstSeq + m_events.size();
    for (int i = events.size() - incoming; i < events.size(); ++i)
        if (filtered() && matches(events[i]))
            shown.push_back(nextSeq + static_cast<std::uint64_t>(i - (events.size() - incoming)));
    const int rows = filtered() ? static_cast<int>(shown.size()) : incoming;
    const int first = rowCount();
    if (rows > 0)
        beginInsertRows({}, first, first + rows - 1);
    for (int i = events.size() - incoming; i < events.size(); ++i)
        m_events.push_back(events[i]);
    m_shown.insert(m_shown.end(), shown.begin(), shown.end());
    if (rows > 0)
        endInsertRows();
}

void EventLogModel::clear()
{
    beginResetModel();
    m_firstSeq += m_events.size();
    m_events.clear();
    m_shown.clear();
    endResetModel();
}

void EventLogModel::setFilterText(const QString &text)
{
    if (text == m_filter)
        return;
    beginResetModel();
    m_filter = text;
    m_shown.clear();
    if (filtered())
        for (std::size_t i = 0; i < m_events.size(); ++i)
            if (matches(m_events[i]))
                m_shown.push_back(m_firstSeq + i);
    endResetModel();
}

const engine::events::Event &EventLogModel::eventAt(int row) const
{
    const auto r = static_cast<std::size_t>(row);
    return filtered() ? m_events[static_cast<std::size_t>(m_shown[r] - m_firstSeq)] : m_events[r];
}

bool EventLogModel::matches(const engine::events::Event &e) const
{
    for (int c = 0; c < ColumnCount; ++c)
        if (cellText(e, c).contains(m_filter, Qt::CaseInsensitive))
            return true;
    return false;
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return static_cast<int>(filtered() ? m_shown.size() : m_events.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EventLogModel::cellText(const engine::events::Event &e, int column) const
{
    switch (column) {
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

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto &e = eventAt(index.row());
    if (role == JsonRole)
        return QString::fromStdString(e.toJson().dump(2));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    return cellText(e, index.column());
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
