#include "chart_widget.h"

#include <QContextMenuEvent>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>

namespace fr::ui {

ChartWidget::ChartWidget(QWidget* parent)
    : QCustomPlot(parent)
{
    setMinimumHeight(160);
    plotLayout()->insertRow(0);
    mTitle = new QCPTextElement(this, QString(), QFont(font().family(), 10, QFont::Bold));
    plotLayout()->addElement(0, 0, mTitle);
    mEmptyText = new QCPItemText(this);
    mEmptyText->setPositionAlignment(Qt::AlignCenter);
    mEmptyText->position->setType(QCPItemPosition::ptAxisRectRatio);
    mEmptyText->position->setCoords(0.5, 0.5);
    mEmptyText->setColor(QColor(0x60, 0x60, 0x60));
    mEmptyText->setClipToAxisRect(false);
    setNoAntialiasingOnDrag(true);
}

void ChartWidget::setTitle(const QString& title)
{
    mTitle->setText(title);
}

void ChartWidget::setEmptyMessage(const QString& message)
{
    mEmptyText->setText(message);
    mEmptyText->setVisible(!message.isEmpty());
}

QString ChartWidget::emptyMessage() const
{
    return mEmptyText->visible() ? mEmptyText->text() : QString();
}

bool ChartWidget::exportPng(const QString& path, int width, int height)
{
    return savePng(path, width, height);
}

bool ChartWidget::exportPdf(const QString& path, int width, int height)
{
    return savePdf(
        path, width, height, QCP::epNoCosmetic, QStringLiteral("FairReview"), mTitle->text());
}

QPixmap ChartWidget::renderPixmap(int width, int height)
{
    return toPixmap(width, height);
}

void ChartWidget::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu(this);
    menu.addAction(tr("Save as PNG…"), this, [this] { saveAs(QStringLiteral("png")); });
    menu.addAction(tr("Save as PDF…"), this, [this] { saveAs(QStringLiteral("pdf")); });
    menu.exec(event->globalPos());
}

void ChartWidget::saveAs(const QString& format)
{
    const QString filter
        = format == QLatin1String("png") ? tr("PNG image (*.png)") : tr("PDF document (*.pdf)");
    QString path = QFileDialog::getSaveFileName(this, tr("Save chart"), QString(), filter);
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1Char('.') + format, Qt::CaseInsensitive))
        path += QLatin1Char('.') + format;
    const bool saved = format == QLatin1String("png") ? exportPng(path) : exportPdf(path);
    if (!saved)
        QMessageBox::warning(this, tr("Save chart"), tr("Could not write %1.").arg(path));
}

} // namespace fr::ui

#include "moc_chart_widget.cpp"
