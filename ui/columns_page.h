// The open wizard's column page: the first rows of the CSV (read on a background thread) and the
// role of each column: id, sensitive group with its protected value, ground truth with its anomaly
// value, and which columns are features.
#pragma once

#include "data/column_mapping.h"
#include "data/table_preview.h"
#include "metrics/proxy_check.h"

#include <QWizardPage>

#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QListWidget;
class QTableWidget;

namespace fr::ui {

class ColumnsPage : public QWizardPage {
    Q_OBJECT
public:
    explicit ColumnsPage(QWidget* parent = nullptr);

    void setCsvPathProvider(std::function<QString()> provider)
    {
        mPathProvider = std::move(provider);
    }
    void initializePage() override;
    bool isComplete() const override;
    ColumnMapping mapping() const;

private:
    void startPreview(const QString& path);
    void showPreview(const std::shared_ptr<Result<TablePreview>>& preview);
    void fillRoleCombos();
    void fillValues(QComboBox* values, QComboBox* column, const QString& preferred);
    void updateFeatureList();
    void startProxyCheck();
    void showProxies(const std::shared_ptr<Result<std::vector<NamedGroupProxy>>>& proxies);

    std::function<QString()> mPathProvider;
    QString mPath;
    std::shared_ptr<const TablePreview> mPreview;
    QLabel* mState = nullptr;
    QTableWidget* mTable = nullptr;
    QComboBox* mId = nullptr;
    QComboBox* mGroup = nullptr;
    QComboBox* mProtected = nullptr;
    QComboBox* mTruth = nullptr;
    QComboBox* mAnomaly = nullptr;
    QListWidget* mFeatures = nullptr;
    QLabel* mProxyWarning = nullptr;
    quint64 mProxyCheck = 0; // the latest check; older answers are dropped
};

} // namespace fr::ui
