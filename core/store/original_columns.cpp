#include "store/original_columns.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace fr {

namespace {

// A streaming RFC 4180 record reader: quoted fields may hold commas, doubled quotes and line
// breaks; lines end with LF or CRLF.
class CsvRecordReader {
public:
    explicit CsvRecordReader(std::FILE* file)
        : mFile(file)
    { }

    // False at the end of the file. A final record without a line break still counts.
    bool next(std::vector<std::string>& fields)
    {
        fields.assign(1, std::string());
        bool quoted = false, any = false;
        for (int c; (c = std::getc(mFile)) != EOF;) {
            any = true;
            if (quoted) {
                if (c != '"') {
                    fields.back() += char(c);
                } else if (peek() == '"') {
                    fields.back() += char(std::getc(mFile));
                } else {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.emplace_back();
            } else if (c == '\n') {
                return true;
            } else if (c != '\r' || peek() != '\n') {
                fields.back() += char(c);
            }
        }
        return any;
    }

private:
    int peek()
    {
        int c = std::getc(mFile);
        if (c != EOF)
            std::ungetc(c, mFile);
        return c;
    }
    std::FILE* mFile;
};

} // namespace

static Status checkRowId(const std::string& path, int64_t row,
    const std::vector<std::string>& fields, int idIndex, const std::string& expected)
{
    if (idIndex < 0 || (idIndex < int(fields.size()) && fields[idIndex] == expected))
        return Status::success();
    return Status::failure(path + " row " + std::to_string(row) + " has id '"
        + (idIndex < int(fields.size()) ? fields[idIndex] : "") + "' but the project expects '"
        + expected + "'");
}

Result<OriginalColumns> readOriginalColumns(const std::string& csvPath,
    const std::map<int64_t, std::string>& rowIds, const std::string& idColumn)
{
    std::FILE* file = std::fopen(csvPath.c_str(), "rb");
    if (!file)
        return Result<OriginalColumns>::failure(
            "cannot read data file " + csvPath + ": " + std::strerror(errno));
    CsvRecordReader reader(file);
    OriginalColumns original;
    reader.next(original.names);
    auto idAt = std::find(original.names.begin(), original.names.end(), idColumn);
    int idIndex = idColumn.empty() || idAt == original.names.end()
        ? -1
        : int(idAt - original.names.begin());
    std::vector<std::string> fields;
    auto wanted = rowIds.begin();
    for (int64_t row = 0; wanted != rowIds.end() && reader.next(fields); ++row) {
        if (row != wanted->first)
            continue;
        Status same = checkRowId(csvPath, row, fields, idIndex, wanted->second);
        if (!same.ok()) {
            std::fclose(file);
            return same;
        }
        original.fieldsByRow[row] = fields;
        ++wanted;
    }
    std::fclose(file);
    if (wanted != rowIds.end())
        return Result<OriginalColumns>::failure(csvPath + " ends before row "
            + std::to_string(wanted->first) + ": it is not the file the project was made from");
    return original;
}

} // namespace fr
