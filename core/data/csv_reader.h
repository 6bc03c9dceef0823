// The CSV reader: RFC 4180 quoting (commas, quotes and newlines inside quotes), CRLF or LF, a
// UTF-8 BOM, one header row. Unquoted cells are trimmed of spaces; empty lines are skipped.
#pragma once

#include "data/csv_table.h"
#include "util/progress.h"
#include "util/result.h"

#include <string>

namespace fr {

// Reads the file with one read into one buffer and parses it in place.
Result<CsvTable> readCsvFile(const std::string& path, const ProgressCallback& progress = {});

// Parses text already in memory; fileName only names the source in error messages.
Result<CsvTable> parseCsv(
    std::string text, const std::string& fileName, const ProgressCallback& progress = {});

} // namespace fr
