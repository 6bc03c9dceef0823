// The audited list of labels as a file an auditor opens in a spreadsheet or a script: CSV
// (RFC 4180) or JSON (core/util/json_writer.h).
//
// Columns: id (the data set's row id), label, analyst, time (ISO 8601 UTC), model_version, score,
// rank, group, note, group_visible (0 under blind review), review_ms (empty when not measured),
// chain_head, then the original row's columns when asked for (in CSV, one named like an audit
// column gets " (data)" appended, e.g. "id (data)"; in JSON they sit in a "columns" object).
// chain_head is the project's audit chain head when exported (PROJECT_FILE.md, "The audit chain"):
// the same on every CSV line; in JSON the file is {"chain_head": ..., "labels": [...]}.
//
// Spreadsheet formula injection: in CSV, a text cell that starts with '=', '+', '-', '@', a tab or
// a carriage return gets a leading apostrophe ('), so that Excel, LibreOffice and Sheets show it as
// text instead of evaluating it (OWASP "CSV Injection"). A cell that is a plain decimal number
// ("-3", "-0.25", "+1e5") is left alone: a number cannot be a formula and a spreadsheet should see
// it as a number. JSON is not for spreadsheets and carries every value unchanged.
#pragma once

#include "store/records.h"
#include "util/result.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace fr {

enum class ExportFormat { Csv, Json };

// "csv" or "json"; anything else is an error naming the choices.
Result<ExportFormat> parseExportFormat(const std::string& name);

struct ExportedLabel {
    int64_t row = 0;
    std::string rowId;
    LabelValue label = LabelValue::Normal;
    std::string analyst;
    int64_t timeUtcMs = 0;
    int64_t modelVersion = 0; // 0: labelled before any model existed
    double score = 0.0;
    int64_t rank = 0;
    std::string group;
    std::string note;
    bool groupVisible = true;
    int64_t reviewMs = -1; // -1: not measured
};

// The data file's header and the fields of the labelled rows, by row index.
struct OriginalColumns {
    std::vector<std::string> names;
    std::map<int64_t, std::vector<std::string>> fieldsByRow;
};

std::string isoUtcTime(int64_t utcMs); // "2026-11-22T15:42:38.123Z"
std::string neutraliseFormula(const std::string& cell);
std::string csvField(const std::string& cell); // neutralised, then quoted when RFC 4180 needs it
const char* labelName(LabelValue label); // "anomaly" / "normal"

std::string labelsToCsv(const std::vector<ExportedLabel>& labels, const OriginalColumns* original,
    const std::string& chainHead);
std::string labelsToJson(const std::vector<ExportedLabel>& labels, const OriginalColumns* original,
    const std::string& chainHead);

// Writes beside `path` first and renames into place, so a failed export leaves no half file.
Status writeLabelExport(const std::string& path, ExportFormat format,
    const std::vector<ExportedLabel>& labels, const OriginalColumns* original,
    const std::string& chainHead);

} // namespace fr
