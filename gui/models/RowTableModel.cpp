// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/RowTableModel.h"

namespace strata::gui {

RowTableModel::RowTableModel(std::function<QStringList()> headers, QObject *parent)
    : QAbstractTableModel(parent), m_headers(std::move(headers))
{
}

void RowTableModel::setRows(const QList<QStringList> &rows)
{
    for (int i = m_rows.size() - 1; i >= 0; --i) {
        const QString key = m_rows[i].value(0);
        if (std::none_of(rows.begin(), rows.end(), [&](const QStringList &r) { return r.value(0) == key; })) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    for (const auto &r : rows) {
        const int at = rowOf(r.value(0));
        if (at >= 0) {
            m_rows[at] = r;
            emit dataChanged(index(at, 0), index(at, columnCount() - 1));
        } else {
            beginInsertRows({}, m_rows.size(), m_rows.size());
            m_rows.append(r);
            endInsertRows();
        }
    }
}

QStringList RowTableModel::rowAt(int row) const
{
    return m_rows.value(row);
}

int RowTableModel::rowOf(const QString &key) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].value(0) == key)
            return i;
    return -1;
}

int RowTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

int RowTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_headers().size();
}

QVariant RowTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
        return m_rows[index.row()].value(index.column());
    return {};
}

QVariant RowTableModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return m_headers().value(section);
}

} // namespace strata::gui
