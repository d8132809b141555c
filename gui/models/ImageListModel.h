// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Images panel: one row per repo:tag (untagged images once, as
// "<none>:<none>"), like `strata images`. Updated from engine snapshots by
// key, so selections survive refreshes.

#include "core/Snapshots.h"

#include <QAbstractTableModel>

namespace strata::gui {

class ImageListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Id, Size, ColumnCount };
    enum Role { RefRole = Qt::UserRole + 1, IdRole };

    explicit ImageListModel(QObject *parent = nullptr);

    void setImages(const std::vector<engine::ImageSummary> &images);
    [[nodiscard]] int rowOf(const QString &ref) const;
    [[nodiscard]] QString refAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    struct Row {
        QString ref; // what commands accept: "repo:tag" or the short id
        QString id;
        quint64 size = 0;
    };
    std::vector<Row> m_rows;
};

} // namespace strata::gui
