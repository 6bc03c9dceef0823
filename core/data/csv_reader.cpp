#include "data/csv_reader.h"

#include "data/data_error.h"
#include "data/file_bytes.h"
#include "data/gzip_reader.h"
#include "data/text_validation.h"
#include "util/huge_pages.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <new>
#include <utility>

namespace fr {

namespace {

// Cells are addressed by 32-bit offsets, which keeps the per-cell index at 8 bytes.
constexpr uint64_t kMaxCsvBytes = std::numeric_limits<uint32_t>::max();
constexpr size_t kProgressStepBytes = size_t(16) << 20;
constexpr size_t kSampleBytes = size_t(1) << 20; // to size the cell index before parsing
constexpr double kMaxReservedCells = 128e6; // beyond this the index grows as it must

std::string fieldCount(size_t count)
{
    return std::to_string(count) + (count == 1 ? " field" : " fields");
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}
bool isLineBreak(char c)
{
    return c == '\n' || c == '\r';
}

// Splits the buffer into records and cells in place: quoted cells are unescaped where they lie.
class CsvTokenizer {
public:
    CsvTokenizer(std::string& text, const std::string& fileName, const ProgressCallback& progress)
        : mText(text)
        , mFileName(fileName)
        , mProgress(progress)
    { }

    Result<CsvTable> run();

private:
    using Span = CsvTable::Span;

    Status parseHeader(std::vector<std::string>& names);
    Status parseRows(const std::vector<std::string>& names, std::vector<Span>& cells,
        std::vector<uint32_t>& lines);
    Status parseRecord(std::vector<Span>& cells, const std::vector<std::string>* names);
    Status parseQuoted(Span& span, size_t column, const std::vector<std::string>* names);
    Span parseUnquoted();
    void skipEmptyLines();
    void consumeLineBreak();
    void countLineBreaks(size_t from, size_t to);
    size_t estimateCells() const;
    std::string columnLabel(size_t column, const std::vector<std::string>* names) const;
    void report();

    std::string& mText;
    const std::string& mFileName;
    const ProgressCallback& mProgress;
    size_t mPos = 0;
    int64_t mLine = 1;
    size_t mLastReport = 0;
    int64_t mHeaderLine = 1;
};

void CsvTokenizer::consumeLineBreak()
{
    if (mText[mPos] == '\r' && mPos + 1 < mText.size() && mText[mPos + 1] == '\n')
        ++mPos;
    ++mPos;
    ++mLine;
}

void CsvTokenizer::skipEmptyLines()
{
    while (mPos < mText.size() && isLineBreak(mText[mPos]))
        consumeLineBreak();
}

// Line breaks inside quoted cells still count, so that later errors name the right line.
void CsvTokenizer::countLineBreaks(size_t from, size_t to)
{
    for (size_t i = from; i < to; ++i) {
        if (mText[i] == '\n' || (mText[i] == '\r' && (i + 1 >= to || mText[i + 1] != '\n')))
            ++mLine;
    }
}

std::string CsvTokenizer::columnLabel(size_t column, const std::vector<std::string>* names) const
{
    if (names && column < names->size())
        return (*names)[column];
    return "column " + std::to_string(column + 1);
}

CsvTable::Span CsvTokenizer::parseUnquoted()
{
    const char* data = mText.data();
    size_t size = mText.size(), start = mPos, end = mPos;
    while (end < size && data[end] != ',' && data[end] != '\n' && data[end] != '\r')
        ++end;
    mPos = end;
    while (start < end && isBlank(data[start]))
        ++start;
    while (end > start && isBlank(data[end - 1]))
        --end;
    return {static_cast<uint32_t>(start), static_cast<uint32_t>(end - start)};
}

Status CsvTokenizer::parseQuoted(Span& span, size_t column, const std::vector<std::string>* names)
{
    int64_t openLine = mLine;
    size_t start = ++mPos, write = start, size = mText.size();
    for (;;) {
        const void* found = std::memchr(mText.data() + mPos, '"', size - mPos);
        if (!found)
            return Status::failure(cellError(mFileName, openLine, columnLabel(column, names),
                "unterminated quote (the file ends inside a quoted value)"));
        size_t quote = static_cast<const char*>(found) - mText.data();
        countLineBreaks(mPos, quote);
        if (write != mPos)
            std::memmove(mText.data() + write, mText.data() + mPos, quote - mPos);
        write += quote - mPos;
        if (quote + 1 < size && mText[quote + 1] == '"') {
            mText[write++] = '"';
            mPos = quote + 2;
            continue;
        }
        mPos = quote + 1;
        break;
    }
    span = {static_cast<uint32_t>(start), static_cast<uint32_t>(write - start)};
    while (mPos < size && isBlank(mText[mPos]))
        ++mPos;
    if (mPos < size && mText[mPos] != ',' && !isLineBreak(mText[mPos]))
        return Status::failure(cellError(mFileName, mLine, columnLabel(column, names),
            "unexpected text after a closing quote (a quote inside a quoted value must be "
            "doubled: \"\")"));
    return Status::success();
}

Status CsvTokenizer::parseRecord(std::vector<Span>& cells, const std::vector<std::string>* names)
{
    size_t first = cells.size();
    for (;;) {
        Span span;
        if (mPos < mText.size() && mText[mPos] == '"') {
            Status quoted = parseQuoted(span, cells.size() - first, names);
            if (!quoted.ok())
                return quoted;
        } else {
            span = parseUnquoted();
        }
        cells.push_back(span);
        if (mPos >= mText.size())
            return Status::success();
        if (mText[mPos] != ',') {
            consumeLineBreak();
            return Status::success();
        }
        ++mPos;
    }
}

Status CsvTokenizer::parseHeader(std::vector<std::string>& names)
{
    std::vector<Span> cells;
    Status status = parseRecord(cells, nullptr);
    if (!status.ok())
        return status;
    for (size_t i = 0; i < cells.size(); ++i) {
        std::string name = mText.substr(cells[i].offset, cells[i].length);
        names.push_back(name.empty() ? "column " + std::to_string(i + 1) : name);
    }
    std::map<std::string, size_t> seen;
    for (size_t i = 0; i < names.size(); ++i) {
        auto [it, fresh] = seen.emplace(names[i], i);
        if (!fresh)
            return Status::failure(lineError(mFileName, mHeaderLine,
                "duplicate column name '" + names[i] + "' (columns "
                    + std::to_string(it->second + 1) + " and " + std::to_string(i + 1) + ")"));
    }
    return Status::success();
}

size_t CsvTokenizer::estimateCells() const
{
    size_t end = std::min(mText.size(), mPos + kSampleBytes);
    size_t separators = 1;
    for (size_t i = mPos; i < end; ++i)
        separators += mText[i] == ',' || mText[i] == '\n';
    double perByte = static_cast<double>(separators) / static_cast<double>(end - mPos + 1);
    double estimate = perByte * static_cast<double>(mText.size() - mPos) * 1.05 + 16;
    return static_cast<size_t>(std::min(estimate, kMaxReservedCells));
}

void CsvTokenizer::report()
{
    if (!mProgress || mPos - mLastReport < kProgressStepBytes)
        return;
    mLastReport = mPos;
    mProgress({"parsing", static_cast<int64_t>(mPos), static_cast<int64_t>(mText.size())});
}

Status CsvTokenizer::parseRows(
    const std::vector<std::string>& names, std::vector<Span>& cells, std::vector<uint32_t>& lines)
{
    cells.reserve(estimateCells());
    adviseHugePages(cells.data(), cells.capacity() * sizeof(Span));
    lines.reserve(cells.capacity() / names.size() + 1);
    for (;;) {
        skipEmptyLines();
        if (mPos >= mText.size())
            return Status::success();
        size_t first = cells.size();
        int64_t line = mLine;
        Status status = parseRecord(cells, &names);
        if (!status.ok())
            return status;
        size_t count = cells.size() - first;
        if (count < names.size())
            return Status::failure(cellError(mFileName, line, names[count],
                fieldCount(count) + ", expected " + std::to_string(names.size())));
        if (count > names.size())
            return Status::failure(lineError(mFileName, line,
                fieldCount(count) + ", expected " + std::to_string(names.size())
                    + " (more fields than header columns)"));
        lines.push_back(static_cast<uint32_t>(line));
        report();
    }
}

Result<CsvTable> CsvTokenizer::run()
{
    if (mText.size() > kMaxCsvBytes)
        return Result<CsvTable>::failure(fileError(mFileName, "larger than 4 GiB"));
    if (mText.compare(0, 3, "\xEF\xBB\xBF") == 0)
        mPos = 3;
    if (looksGzipped(mText))
        return Result<CsvTable>::failure(fileError(
            mFileName, "gzip-compressed data, not a text CSV file (decompress it first)"));
    Status text = checkUtf8Text(mText, mFileName);
    if (!text.ok())
        return text;
    skipEmptyLines();
    if (mPos >= mText.size())
        return Result<CsvTable>::failure(fileError(mFileName, "the file is empty"));
    std::vector<std::string> names;
    mHeaderLine = mLine;
    Status header = parseHeader(names);
    if (!header.ok())
        return header;
    std::vector<Span> cells;
    std::vector<uint32_t> lines;
    Status rows = parseRows(names, cells, lines);
    if (!rows.ok())
        return rows;
    if (lines.empty())
        return Result<CsvTable>::failure(fileError(mFileName, "only a header row, no data rows"));
    if (mProgress)
        mProgress(
            {"parsing", static_cast<int64_t>(mText.size()), static_cast<int64_t>(mText.size())});
    return CsvTable(
        mFileName, std::move(mText), std::move(names), std::move(cells), std::move(lines));
}

} // namespace

Result<CsvTable> parseCsv(
    std::string text, const std::string& fileName, const ProgressCallback& progress)
{
    try {
        return CsvTokenizer(text, fileName, progress).run();
    } catch (const std::bad_alloc&) {
        return Result<CsvTable>::failure(
            fileError(fileName, "not enough memory to hold the parsed table"));
    }
}

Result<CsvTable> readCsvFile(const std::string& path, const ProgressCallback& progress)
{
    auto bytes = readFileBytes(path, kMaxCsvBytes, progress);
    if (!bytes.ok())
        return bytes.status();
    return parseCsv(bytes.take(), baseName(path), progress);
}

} // namespace fr
