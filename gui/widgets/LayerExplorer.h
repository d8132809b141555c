// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The layer explorer (dive, for teaching): the layer stack on the left
// (merged view first), the selected layer's or the merged file tree on the
// right with A/M/D/O marks (icon + letter + name), and for the selected
// path: which layer provides it, what it shadows, every version across the
// layers and its content. Wasted space is listed with its causes.

#include "core/Snapshots.h"

#include <QWidget>

class QTableView;
class QTreeView;
class QLineEdit;
class QLabel;
class QPlainTextEdit;
class QTableWidget;
class QSplitter;

namespace strata::gui {

class LayerStackModel;
class FileTreeModel;

class LayerExplorer : public QWidget {
    Q_OBJECT
public:
    explicit LayerExplorer(QWidget *parent = nullptr);

    void setDetail(const ImageDetailPtr &detail);
    void showLayer(int layer); // -1 = merged view
    bool selectPath(const QString &path);
    [[nodiscard]] int shownLayer() const { return m_layer; }
    [[nodiscard]] FileTreeModel *fileModel() const { return m_files; }
    [[nodiscard]] LayerStackModel *layerModel() const { return m_layers; }
    [[nodiscard]] QString detailsText() const;
    [[nodiscard]] QTableWidget *versionsTable() const { return m_versions; }
    [[nodiscard]] QTableWidget *wastedTable() const { return m_wasted; }
    [[nodiscard]] QPlainTextEdit *preview() const { return m_preview; }

signals:
    void pathSelected(const QString &path);

protected:
    void changeEvent(QEvent *e) override;

private:
    void retranslate();
    void showNode(int node);
    void fillWasted();
    void search();

    ImageDetailPtr m_detail;
    int m_layer = -1;
    LayerStackModel *m_layers;
    FileTreeModel *m_files;
    QTableView *m_layerView;
    QTreeView *m_tree;
    QLineEdit *m_find;
    QLabel *m_legend, *m_details, *m_wastedTitle, *m_versionsTitle, *m_previewTitle;
    QTableWidget *m_versions, *m_wasted;
    QPlainTextEdit *m_preview;
    std::vector<int> m_hits;
    std::size_t m_hit = 0;
    QString m_lastFind;
};

} // namespace strata::gui
