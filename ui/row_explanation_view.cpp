#include "row_explanation_view.h"

#include "number_format.h"

#include <QLabel>
#include <QTextDocument>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace fr::ui {

namespace {
constexpr int kFeatureBars = 6; // the rest is summed into one line
constexpr int kBarCells = 20; // a bar of 100% is this many block characters
constexpr int64_t kHeadRowColumns = 32; // wider rows reach the head as principal components (§8)

QString signedValue(double v)
{
    return (v < 0 ? QStringLiteral("−") : QStringLiteral("+"))
        + QString::number(std::abs(v), 'f', 2);
}

QString bar(double share)
{
    const int cells = static_cast<int>(std::lround(std::clamp(share, 0.0, 1.0) * kBarCells));
    return QStringLiteral("<span style=\"color:#0072B2\">%1</span>")
        .arg(QString(std::max(cells, share > 0 ? 1 : 0), QChar(0x2588)));
}

QString percent(double share)
{
    return QStringLiteral("%1%").arg(share * 100.0, 0, 'f', share < 0.095 ? 1 : 0);
}
} // namespace

RowExplanationView::RowExplanationView(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    mText = new QLabel(this);
    mText->setTextFormat(Qt::RichText);
    mText->setWordWrap(true);
    mText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    mText->setToolTip(tr("Why the model ranks this row where it is: which features it failed to "
                         "reconstruct, what the ranking score is made of, and the rank the row "
                         "would get with another group (docs/ALGORITHMS.md §9)"));
    layout->addWidget(mText);
}

void RowExplanationView::showMessage(const QString& message)
{
    mText->setText(tr("<b>Why this row:</b> %1").arg(message.toHtmlEscaped()));
}

QString RowExplanationView::plainText() const
{
    QTextDocument doc;
    doc.setHtml(mText->text());
    return doc.toPlainText();
}

void RowExplanationView::showExplanation(
    const RowExplanation& e, const Dataset& data, bool groupHidden)
{
    QString html = tr("<b>Why this row</b> (model v%1)").arg(e.modelVersion);
    html += featureBars(e, data);
    html += QStringLiteral("<br>") + keyParts(e, data);
    const QString swap = groupSwapLine(e, groupHidden);
    if (!swap.isEmpty())
        html += QStringLiteral("<br>") + swap;
    mText->setText(html);
}

QString RowExplanationView::featureBars(const RowExplanation& e, const Dataset& data) const
{
    if (!e.hasReconstruction)
        return tr("<br>This model has no reconstruction error to share out among the features.");
    if (data.isImage())
        return tr("<br>Reconstruction error %1; the heat map shows each pixel's share "
                  "(bright = the model rebuilt it worst).")
            .arg(formatValue(e.reconstructionError));
    QString html = tr("<br>Share of the reconstruction error (%1) by feature:")
                       .arg(formatValue(e.reconstructionError));
    html += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\">");
    double rest = 0.0;
    int restCount = 0;
    for (size_t i = 0; i < e.features.size(); ++i) {
        const FeatureErrorShare& f = e.features[i];
        if (static_cast<int>(i) >= kFeatureBars) {
            rest += f.share;
            ++restCount;
            continue;
        }
        html += QStringLiteral(
            "<tr><td>%1&nbsp;</td><td>%2</td><td align=\"right\">&nbsp;%3</td></tr>")
                    .arg(QString::fromStdString(f.feature).toHtmlEscaped(), bar(f.share),
                        percent(f.share));
    }
    if (restCount > 0)
        html += tr("<tr><td>%1 more&nbsp;</td><td>%2</td><td align=\"right\">&nbsp;%3</td></tr>")
                    .arg(restCount)
                    .arg(bar(rest), percent(rest));
    return html + QStringLiteral("</table>");
}

QString RowExplanationView::keyParts(const RowExplanation& e, const Dataset& data) const
{
    QStringList parts;
    if (e.keyIsHeadLogit) {
        parts << tr("latent code %1").arg(signedValue(e.latentTerm));
        parts << (data.matrix.cols > kHeadRowColumns ? tr("the row's principal components %1")
                                                     : tr("the row's features %1"))
                     .arg(signedValue(e.rowTerm));
    }
    for (const auto& [name, value] : e.scoreTerms)
        parts << QStringLiteral("%1 %2").arg(QString::fromStdString(name), signedValue(value));
    if (e.keyIsHeadLogit) {
        parts << tr("bias %1").arg(signedValue(e.bias));
        return tr("Placed by the review model (learned from your labels): its logit %1 = %2.")
            .arg(QString::number(e.key, 'f', 2), parts.join(QStringLiteral(", ")));
    }
    return tr("Placed by the label-free score (no labels needed) %1 = %2.")
        .arg(formatValue(e.key), parts.join(QStringLiteral(", ")));
}

QString RowExplanationView::groupSwapLine(const RowExplanation& e, bool groupHidden) const
{
    switch (e.swapBasis) {
    case GroupSwapBasis::NoGroups:
        return QString();
    case GroupSwapBasis::NoEffect:
        return tr("Group swap: the score does not depend on the group (the group is not a model "
                  "input and the score is not calibrated by group), so the rank would stay %1.")
            .arg(formatCount(e.rank));
    default:
        break;
    }
    if (groupHidden)
        return tr("Group swap: hidden during blind review (Ctrl+B shows the groups).");
    if (e.swaps.empty())
        return tr("Group swap: no other group to compare with.");
    const bool unchanged = std::all_of(e.swaps.begin(), e.swaps.end(),
        [&](const GroupSwapRank& s) { return s.rank == e.rank && s.key == e.key; });
    if (unchanged)
        return tr("Group swap: rank %1 in every group. The score that placed this row gives no "
                  "weight to the part that depends on the group.")
            .arg(formatCount(e.rank));
    QStringList swaps;
    for (const GroupSwapRank& s : e.swaps)
        swaps << tr("→ %1 if %2")
                     .arg(formatCount(s.rank), QString::fromStdString(s.groupName).toHtmlEscaped());
    const QString how = e.swapBasis == GroupSwapBasis::Calibration
        ? tr("through the score's calibration by group")
        : e.swapBasis == GroupSwapBasis::GroupInput
        ? tr("with the group column changed in the input")
        : tr("with the group column and the calibration changed");
    return tr("<b>Group swap:</b> rank %1 %2 (%3, every other row as it is).")
        .arg(formatCount(e.rank), swaps.join(QStringLiteral(", ")), how);
}

} // namespace fr::ui
