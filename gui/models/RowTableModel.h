// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A small table of strings with translatable headers, for the Containers and
// Volumes panels (their engine records arrive from other modules).

#include <QAbstractTableModel>
#include <QStringList>

#include <functional>

namespace strata::gui {

class RowTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // headers() is called on every paint, so a language switch shows at once.
    RowTableModel(std::function<QStringList()> headers, QObject *parent = nullptr);

    // Rows keyed by their first column; existing keys are updated in place.
    void setRows(const QList<QStringList> &rows);
    [[nodiscard]] QStringList rowAt(int row) const;
    [[nodiscard]] int rowOf(const QString &key) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    std::function<QStringList()> m_headers;
    QList<QStringList> m_rows;
};

} // namespace strata::gui
