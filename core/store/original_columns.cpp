#include "store/original_columns.h"

#include "data/csv_reader.h"

namespace fr {

Result<OriginalColumns> readOriginalColumns(const std::string& csvPath,
    const std::map<int64_t, std::string>& rowIds, const std::string& idColumn)
{
    // The same reader as loadCsvDataset, so that record i here is row i of the Dataset.
    auto table = readCsvFile(csvPath);
    if (!table.ok())
        return table.status();
    const CsvTable& t = table.value();
    OriginalColumns original;
    original.names = t.columnNames();
    int idIndex = idColumn.empty() ? -1 : t.columnIndex(idColumn);
    for (const auto& [row, expectedId] : rowIds) {
        if (row >= t.rowCount())
            return Result<OriginalColumns>::failure(csvPath + " has " + std::to_string(t.rowCount())
                + " rows, fewer than the project: it is not the file the project was made from");
        if (idIndex >= 0 && t.cell(row, idIndex) != expectedId)
            return Result<OriginalColumns>::failure(csvPath + " line "
                + std::to_string(t.lineOf(row)) + " has id '" + std::string(t.cell(row, idIndex))
                + "' where the project expects '" + expectedId + "'");
        std::vector<std::string> fields;
        for (int column = 0; column < t.columnCount(); ++column)
            fields.emplace_back(t.cell(row, column));
        original.fieldsByRow.emplace(row, std::move(fields));
    }
    return original;
}

} // namespace fr
