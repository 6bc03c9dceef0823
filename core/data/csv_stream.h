// A CSV file read in blocks of rows with bounded memory, for files of any size (readCsvFile holds
// the whole file, up to 4 GiB). The same dialect as csv_reader.h: RFC 4180 quoting, CRLF or LF, a
// UTF-8 BOM, one header row, unquoted cells trimmed of spaces, empty lines skipped. Errors name the
// file, line and reason, as the reader's do.
#pragma once

#include "util/result.h"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fr {

// Rows of one block: their cells back to back in text. Cleared and refilled by each read, so that
// its buffers keep their capacity from block to block.
struct CsvRowBlock {
    std::string text;
    std::vector<uint32_t> cellEnd; // per cell: its end in text (it starts where the last ended)
    std::vector<int64_t> lines; // per row: the file line it starts on
    std::vector<std::string_view> views; // per cell, filled by cellsOf()
    size_t columns = 0;

    int64_t rows() const { return static_cast<int64_t>(lines.size()); }
    // The row's cells as views into text (valid until the next read).
    const std::string_view* cellsOf(int64_t row);
};

class CsvStream {
public:
    static Result<std::unique_ptr<CsvStream>> open(const std::string& path);
    ~CsvStream();
    CsvStream(const CsvStream&) = delete;
    CsvStream& operator=(const CsvStream&) = delete;

    const std::vector<std::string>& header() const { return mHeader; }
    const std::string& fileName() const { return mFileName; } // the base name errors use
    int64_t bytesRead() const { return mConsumed; }
    int64_t fileSize() const { return mFileSize; }

    // Reads up to maxRows rows into block (cleared first), fewer at the end of the file or once
    // block.text holds maxBytes. Returns the rows read: 0 at the end of the file.
    Result<int64_t> readRows(CsvRowBlock& block, int64_t maxRows, size_t maxBytes);

private:
    CsvStream() = default;
    enum class State { CellStart, Unquoted, Quoted, QuoteInQuoted, AfterQuoted };
    bool refill();
    Status readHeader();
    // Parses one record into block; false at the end of the file with no record.
    Result<bool> readRecord(CsvRowBlock& block);
    Status endRecord(CsvRowBlock& block, size_t firstCell, int64_t line);
    void endCell(CsvRowBlock& block, size_t cellStart, bool quoted);
    void countLineBreak(char c);
    std::string columnLabel(size_t column) const;

    std::FILE* mFile = nullptr;
    std::string mFileName;
    std::vector<char> mBuffer;
    size_t mPos = 0, mEnd = 0;
    int64_t mConsumed = 0, mFileSize = 0;
    int64_t mLine = 1;
    bool mAfterCr = false;
    std::vector<std::string> mHeader;
};

} // namespace fr
