// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The explorer's left pane: row 0 is the merged view, then the image's
// layers top (nearest) first, as dive lists them: size, changes, created-by.

#include "core/Snapshots.h"

#include <QAbstractTableModel>

namespace strata::gui {

class LayerStackModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Layer, Size, Changes, CreatedBy, ColumnCount };
    enum Role { LayerIndexRole = Qt::UserRole + 1 }; // -1 = merged view

    explicit LayerStackModel(QObject *parent = nullptr);
    void setDetail(const ImageDetailPtr &detail);
    [[nodiscard]] int rowForLayer(int layer) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    [[nodiscard]] int layerOfRow(int row) const;
    ImageDetailPtr m_detail;
};

} // namespace strata::gui
