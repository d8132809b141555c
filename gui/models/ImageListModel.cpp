// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ImageListModel.h"

#include "core/EventText.h"

#include <QIcon>

namespace strata::gui {

ImageListModel::ImageListModel(QObject *parent) : QAbstractTableModel(parent) {}

void ImageListModel::setImages(const std::vector<engine::ImageSummary> &images)
{
    std::vector<Row> next;
    for (const auto &s : images) {
        if (s.intermediate)
            continue;
        Row r;
        r.id = QString::fromStdString(s.id.shortHex());
        r.size = s.size;
        if (s.repoTags.empty()) {
            r.ref = r.id;
            next.push_back(r);
        }
        for (const auto &t : s.repoTags) {
            r.ref = QString::fromStdString(t);
            next.push_back(r);
        }
    }
    std::sort(next.begin(), next.end(), [](const Row &a, const Row &b) { return a.ref < b.ref; });
    // Remove rows that went away (from the bottom), then insert new ones in
    // order, then refresh the rest: views keep their selection and scroll.
    for (int i = static_cast<int>(m_rows.size()) - 1; i >= 0; --i) {
        const auto &ref = m_rows[static_cast<std::size_t>(i)].ref;
        if (std::none_of(next.begin(), next.end(), [&](const Row &r) { return r.ref == ref; })) {
            beginRemoveRows({}, i, i);
            m_rows.erase(m_rows.begin() + i);
            endRemoveRows();
        }
    }
    for (std::size_t i = 0; i < next.size(); ++i) {
        if (i < m_rows.size() && m_rows[i].ref == next[i].ref) {
            m_rows[i] = next[i];
            continue;
        }
        beginInsertRows({}, static_cast<int>(i), static_cast<int>(i));
        m_rows.insert(m_rows.begin() + static_cast<long>(i), next[i]);
        endInsertRows();
    }
    if (!m_rows.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int ImageListModel::rowOf(const QString &ref) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].ref == ref || m_rows[i].id == ref)
            return static_cast<int>(i);
    return -1;
}

QString ImageListModel::refAt(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[static_cast<std::size_t>(row)].ref : QString();
}

int ImageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ImageListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImageListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    if (role == RefRole)
        return r.ref;
    if (role == IdRole)
        return r.id;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name: return r.ref;
        case Id: return r.id;
        case Size: return humanBytes(r.size);
        default: break;
        }
    }
    if (role == Qt::ToolTipRole)
        return tr("Image %1 (id %2)").arg(r.ref, r.id);
    if (role == Qt::TextAlignmentRole && index.column() == Size)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ImageListModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Image");
    case Id: return tr("ID");
    case Size: return tr("Size");
    default: return {};
    }
}

} // namespace strata::gui
