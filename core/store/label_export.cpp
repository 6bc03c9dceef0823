#include "store/label_export.h"

#include "util/json_writer.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <unistd.h>

namespace fr {

Result<ExportFormat> parseExportFormat(const std::string& name)
{
    if (name == "csv")
        return ExportFormat::Csv;
    if (name == "json")
        return ExportFormat::Json;
    return Result<ExportFormat>::failure("unknown export format '" + name + "': use csv or json");
}

std::string isoUtcTime(int64_t utcMs)
{
    std::time_t seconds = static_cast<std::time_t>(utcMs / 1000);
    int64_t millis = utcMs % 1000;
    if (millis < 0) {
        millis += 1000;
        seconds -= 1;
    }
    std::tm parts {};
    gmtime_r(&seconds, &parts);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900,
        parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
        static_cast<int>(millis));
    return text;
}

static bool isPlainNumber(const std::string& cell)
{
    if (cell.empty() || std::isspace(static_cast<unsigned char>(cell.back())))
        return false;
    const char* begin = cell.c_str();
    char* end = nullptr;
    std::strtod(begin, &end);
    // strtod also accepts "inf", "nan" and hex floats: only digits, sign, point and exponent count.
    bool consumedAll = end == begin + cell.size();
    return consumedAll && cell.find_first_not_of("0123456789+-.eE") == std::string::npos;
}

std::string neutraliseFormula(const std::string& cell)
{
    if (cell.empty())
        return cell;
    const std::string triggers = "=+-@\t\r";
    if (triggers.find(cell.front()) == std::string::npos || isPlainNumber(cell))
        return cell;
    return "'" + cell;
}

std::string csvField(const std::string& cell)
{
    std::string safe = neutraliseFormula(cell);
    if (safe.find_first_of(",\"\r\n") == std::string::npos)
        return safe;
    std::string quoted = "\"";
    for (char c : safe) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

const char* labelName(LabelValue label)
{
    return label == LabelValue::Anomaly ? "anomaly" : "normal";
}

static std::string formatScore(double score)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", score);
    return text;
}

static const std::vector<std::string>& fixedColumns()
{
    static const std::vector<std::string> names
        = {"id", "label", "analyst", "time", "model_version", "score", "rank", "group", "note",
            "group_visible", "review_ms", "chain_head"};
    return names;
}

// A data column named like one of the audit columns ("id", "note") is told apart by a suffix.
static std::string uniqueColumnName(const std::string& name)
{
    const auto& fixed = fixedColumns();
    bool taken = std::find(fixed.begin(), fixed.end(), name) != fixed.end();
    return taken ? name + " (data)" : name;
}

static void appendCsvLine(std::string& out, const std::vector<std::string>& cells)
{
    for (size_t i = 0; i < cells.size(); ++i) {
        if (i)
            out += ',';
        out += csvField(cells[i]);
    }
    out += "\r\n"; // RFC 4180 line break
}

static std::vector<std::string> originalFields(const OriginalColumns* original, int64_t row)
{
    if (!original)
        return {};
    auto found = original->fieldsByRow.find(row);
    std::vector<std::string> fields
        = found != original->fieldsByRow.end() ? found->second : std::vector<std::string>();
    fields.resize(original->names.size());
    return fields;
}

static std::string reviewMsText(int64_t reviewMs)
{
    return reviewMs >= 0 ? std::to_string(reviewMs) : std::string();
}

std::string labelsToCsv(const std::vector<ExportedLabel>& labels, const OriginalColumns* original,
    const std::string& chainHead)
{
    std::string out;
    out.reserve(labels.size() * 96);
    std::vector<std::string> header = fixedColumns();
    if (original)
        for (const auto& name : original->names)
            header.push_back(uniqueColumnName(name));
    appendCsvLine(out, header);
    for (const auto& l : labels) {
        std::vector<std::string> cells
            = {l.rowId, labelName(l.label), l.analyst, isoUtcTime(l.timeUtcMs),
                std::to_string(l.modelVersion), formatScore(l.score), std::to_string(l.rank),
                l.group, l.note, l.groupVisible ? "1" : "0", reviewMsText(l.reviewMs), chainHead};
        auto extra = originalFields(original, l.row);
        cells.insert(cells.end(), extra.begin(), extra.end());
        appendCsvLine(out, cells);
    }
    return out;
}

std::string labelsToJson(const std::vector<ExportedLabel>& labels, const OriginalColumns* original,
    const std::string& chainHead)
{
    JsonWriter json(true);
    json.beginObject().field("chain_head", chainHead).key("labels").beginArray();
    for (const auto& l : labels) {
        json.beginObject().field("id", l.rowId).field("label", labelName(l.label));
        json.field("analyst", l.analyst).field("time", isoUtcTime(l.timeUtcMs));
        json.field("model_version", l.modelVersion).field("score", l.score).field("rank", l.rank);
        json.field("group", l.group).field("note", l.note).field("group_visible", l.groupVisible);
        json.key("review_ms");
        l.reviewMs >= 0 ? json.value(l.reviewMs) : json.null();
        if (original) {
            auto fields = originalFields(original, l.row);
            json.key("columns").beginObject();
            for (size_t i = 0; i < fields.size(); ++i)
                json.field(original->names[i], fields[i]);
            json.endObject();
        }
        json.endObject();
    }
    json.endArray().endObject();
    return json.str() + "\n";
}

static Status writeWhole(const std::string& path, const std::string& bytes)
{
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (!file)
        return Status::failure("cannot write " + path + ": " + std::strerror(errno));
    bool ok = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
    int writeError = errno;
    ok = std::fclose(file) == 0 && ok;
    if (!ok)
        return Status::failure("cannot write " + path + ": " + std::strerror(writeError));
    return Status::success();
}

Status writeLabelExport(const std::string& path, ExportFormat format,
    const std::vector<ExportedLabel>& labels, const OriginalColumns* original,
    const std::string& chainHead)
{
    std::string bytes = format == ExportFormat::Csv ? labelsToCsv(labels, original, chainHead)
                                                    : labelsToJson(labels, original, chainHead);
    std::string partial = path + ".part-" + std::to_string(getpid());
    Status written = writeWhole(partial, bytes);
    if (!written.ok()) {
        std::remove(partial.c_str());
        return written;
    }
    if (std::rename(partial.c_str(), path.c_str()) != 0) {
        int error = errno;
        std::remove(partial.c_str());
        return Status::failure("cannot write " + path + ": " + std::strerror(error));
    }
    return Status::success();
}

} // namespace fr
