#include "open_request.h"

#include <QString>
#include <QStringList>

namespace fr::ui {

namespace {
const char* const kPrefix = "fashion-mnist";
} // namespace

std::string fashionMnistReference(const FashionMnistOptions& options)
{
    const char* setup = options.setup == FashionMnistSetup::Invert ? "invert" : "oneclass";
    return std::string(kPrefix) + ":" + setup + ":" + std::to_string(options.normalClass)
        + ":seed=" + std::to_string(options.seed) + ":" + options.directory;
}

bool parseFashionMnistReference(const std::string& reference, FashionMnistOptions* options)
{
    const QStringList parts = QString::fromStdString(reference).split(QLatin1Char(':'));
    if (parts.size() < 5 || parts[0] != QLatin1String(kPrefix)
        || !parts[3].startsWith(QLatin1String("seed=")))
        return false;
    bool classOk = false, seedOk = false;
    options->setup = parts[1] == QLatin1String("invert") ? FashionMnistSetup::Invert
                                                         : FashionMnistSetup::OneClass;
    options->normalClass = parts[2].toInt(&classOk);
    options->seed = parts[3].mid(5).toULongLong(&seedOk);
    options->directory = parts.mid(4).join(QLatin1Char(':')).toStdString();
    return classOk && seedOk;
}

} // namespace fr::ui
