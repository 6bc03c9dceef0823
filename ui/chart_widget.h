// The common ground of every chart: a QCustomPlot with the application's look, a message shown
// when there is nothing to plot yet, and a context menu that saves the chart as PNG or PDF.
#pragma once

#include <qcustomplot.h>

namespace fr::ui {

class ChartWidget : public QCustomPlot {
    Q_OBJECT
public:
    explicit ChartWidget(QWidget* parent = nullptr);

    bool exportPng(const QString& path, int width = 0, int height = 0);
    bool exportPdf(const QString& path, int width = 0, int height = 0);
    // The chart as a picture of the given size (for the fairness report).
    QPixmap renderPixmap(int width, int height);

    QCPTextElement* titleElement() const { return mTitle; }
    QString emptyMessage() const;

protected:
    void setTitle(const QString& title);
    // Centred text over the axis rect: "No rounds yet: label a batch and press Enter".
    void setEmptyMessage(const QString& message);
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void saveAs(const QString& format);

    QCPTextElement* mTitle = nullptr;
    QCPItemText* mEmptyText = nullptr;
};

} // namespace fr::ui
