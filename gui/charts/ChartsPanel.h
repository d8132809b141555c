// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The charts tab (QtCharts), one chart at a time so a room sees one idea:
//  - disk use of the containers of the selected image: each bar is the image
//    (shared, drawn once per container to show what each *sees*) plus the
//    container's own read-write layer, with "on disk" vs "without sharing";
//  - the image's layer sizes;
//  - wasted space: per layer, the bytes upper layers hide, on their own scale.
// Live: a container made, changed or removed asks the engine thread for a
// fresh snapshot (EngineHost::refresh), whose numbers redraw the charts.

#include "charts/DiskUsage.h"

#include <QWidget>

class QChart;
class QChartView;
class QStackedWidget;
class QTabBar;
class QTimer;

namespace strata::gui {

class EngineHost;

class ChartsPanel : public QWidget {
    Q_OBJECT
public:
    enum Which { DiskUse = 0, LayerSizes = 1, Wasted = 2, Count = 3 };

    explicit ChartsPanel(EngineHost *host, QWidget *parent = nullptr);

    void setDetail(const ImageDetailPtr &detail);
    void setSnapshot(const EngineSnapshotPtr &snapshot);
    // Presentation: type ×1.6 and the high-contrast theme.
    void setLargeType(bool on);

    [[nodiscard]] const DiskUsage &usage() const { return m_usage; }
    [[nodiscard]] QChartView *view(int which) const;
    [[nodiscard]] QChartView *currentView() const;
    [[nodiscard]] int current() const;
    void setCurrent(int which);
    // How many times the charts were rebuilt from new numbers (tests).
    [[nodiscard]] int updates() const { return m_updates; }

signals:
    void updated();

protected:
    void changeEvent(QEvent *e) override;

private:
    void rebuild();
    void buildDiskUse(QChart *c);
    void buildLayerSizes(QChart *c);
    void buildWasted(QChart *c);
    void style(QChart *c, const QString &title);

    EngineHost *m_host;
    QTabBar *m_tabs;
    QStackedWidget *m_stack;
    QChartView *m_views[Count];
    QTimer *m_refresh;
    ImageDetailPtr m_detail;
    EngineSnapshotPtr m_snapshot;
    DiskUsage m_usage;
    bool m_large = false;
    int m_updates = 0;
};

} // namespace strata::gui
