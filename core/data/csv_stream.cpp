// CsvStream (csv_stream.h): a resumable tokenizer over a fixed read buffer; a record may span
// buffer refills, and a block of rows ends only between records.
#include "data/csv_stream.h"

#include "data/data_error.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>

namespace fr {

namespace {

constexpr size_t kReadBufferBytes = size_t(1) << 20;
// Cells are addressed by 32-bit offsets within a block; one record may not grow a block past this.
constexpr size_t kMaxBlockBytes = size_t(1) << 31;

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool isLineBreak(char c)
{
    return c == '\n' || c == '\r';
}

std::string fieldCount(size_t count)
{
    return std::to_string(count) + (count == 1 ? " field" : " fields");
}

} // namespace

const std::string_view* CsvRowBlock::cellsOf(int64_t row)
{
    views.resize(columns);
    size_t cell = static_cast<size_t>(row) * columns;
    size_t start = cell == 0 ? 0 : cellEnd[cell - 1];
    for (size_t c = 0; c < columns; ++c, ++cell) {
        views[c] = std::string_view(text.data() + start, cellEnd[cell] - start);
        start = cellEnd[cell];
    }
    return views.data();
}

Result<std::unique_ptr<CsvStream>> CsvStream::open(const std::string& path)
{
    using R = Result<std::unique_ptr<CsvStream>>;
    std::unique_ptr<CsvStream> stream(new CsvStream());
    stream->mFileName = baseName(path);
    stream->mFile = std::fopen(path.c_str(), "rb");
    if (!stream->mFile)
        return R::failure(fileError(path, std::string("cannot open: ") + std::strerror(errno)));
    if (std::fseek(stream->mFile, 0, SEEK_END) == 0) {
        stream->mFileSize = std::ftell(stream->mFile);
        std::rewind(stream->mFile);
    }
    stream->mBuffer.resize(kReadBufferBytes);
    stream->refill();
    const char* b = stream->mBuffer.data();
    if (stream->mEnd >= 2 && b[0] == '\x1f' && b[1] == '\x8b')
        return R::failure(fileError(
            stream->mFileName, "gzip-compressed data, not a text CSV file (decompress it first)"));
    if (stream->mEnd >= 3 && std::memcmp(b, "\xEF\xBB\xBF", 3) == 0)
        stream->mPos = 3;
    if (Status header = stream->readHeader(); !header.ok())
        return header;
    return stream;
}

CsvStream::~CsvStream()
{
    if (mFile)
        std::fclose(mFile);
}

bool CsvStream::refill()
{
    mConsumed += static_cast<int64_t>(mEnd);
    mPos = 0;
    mEnd = std::fread(mBuffer.data(), 1, mBuffer.size(), mFile);
    return mEnd > 0;
}

Status CsvStream::readHeader()
{
    CsvRowBlock block;
    auto read = readRecord(block);
    if (!read.ok())
        return read.status();
    if (!read.value())
        return Status::failure(fileError(mFileName, "empty file (no header row)"));
    std::map<std::string, size_t> seen;
    for (size_t i = 0; i < block.cellEnd.size(); ++i) {
        const size_t start = i == 0 ? 0 : block.cellEnd[i - 1];
        std::string name = block.text.substr(start, block.cellEnd[i] - start);
        mHeader.push_back(name.empty() ? "column " + std::to_string(i + 1) : name);
        auto [it, fresh] = seen.emplace(mHeader.back(), i);
        if (!fresh)
            return Status::failure(lineError(mFileName, block.lines.front(),
                "duplicate column name '" + mHeader.back() + "' (columns "
                    + std::to_string(it->second + 1) + " and " + std::to_string(i + 1) + ")"));
    }
    return Status::success();
}

std::string CsvStream::columnLabel(size_t column) const
{
    return column < mHeader.size() ? mHeader[column] : "column " + std::to_string(column + 1);
}

void CsvStream::countLineBreak(char c)
{
    if (c == '\r' || !mAfterCr)
        ++mLine;
    mAfterCr = c == '\r';
}

void CsvStream::endCell(CsvRowBlock& block, size_t cellStart, bool quoted)
{
    std::string& t = block.text;
    if (!quoted) {
        while (t.size() > cellStart && isBlank(t.back()))
            t.pop_back();
        size_t lead = cellStart;
        while (lead < t.size() && isBlank(t[lead]))
            ++lead;
        t.erase(cellStart, lead - cellStart);
    }
    block.cellEnd.push_back(static_cast<uint32_t>(t.size()));
}

Status CsvStream::endRecord(CsvRowBlock& block, size_t firstCell, int64_t line)
{
    const size_t count = block.cellEnd.size() - firstCell;
    block.lines.push_back(line);
    if (block.columns == 0) // the header: any width
        return Status::success();
    if (count < block.columns)
        return Status::failure(cellError(mFileName, line, mHeader[count],
            fieldCount(count) + ", expected " + std::to_string(block.columns)));
    if (count > block.columns)
        return Status::failure(lineError(mFileName, line,
            fieldCount(count) + ", expected " + std::to_string(block.columns)
                + " (more fields than header columns)"));
    return Status::success();
}

Result<bool> CsvStream::readRecord(CsvRowBlock& block)
{
    const size_t firstCell = block.cellEnd.size();
    State state = State::CellStart;
    size_t cellStart = block.text.size();
    int64_t line = mLine, quoteLine = mLine;
    bool started = false; // a character of this record was seen (else: empty lines so far)
    for (;;) {
        if (mPos == mEnd && !refill()) {
            if (state == State::Quoted)
                return Status::failure(lineError(mFileName, quoteLine,
                    "unterminated quote (the file ends inside a quoted value)"));
            if (!started)
                return false;
            endCell(block, cellStart, state != State::CellStart && state != State::Unquoted);
            if (Status ok = endRecord(block, firstCell, line); !ok.ok())
                return ok;
            return true;
        }
        const char* buf = mBuffer.data();
        const char c = buf[mPos];
        if (state == State::CellStart && c == '"') {
            state = State::Quoted;
            quoteLine = mLine;
            started = true;
            mAfterCr = false;
            ++mPos;
            continue;
        }
        if (state == State::CellStart)
            state = State::Unquoted;
        if (state == State::Unquoted) {
            size_t run = mPos;
            while (run < mEnd && buf[run] != ',' && !isLineBreak(buf[run]))
                ++run;
            if (run > mPos) {
                block.text.append(buf + mPos, run - mPos);
                started = true;
                mAfterCr = false;
                mPos = run;
                continue;
            }
        } else if (state == State::Quoted) {
            const void* quote = std::memchr(buf + mPos, '"', mEnd - mPos);
            const size_t run = quote ? static_cast<const char*>(quote) - buf : mEnd;
            for (size_t i = mPos; i < run; ++i)
                isLineBreak(buf[i]) ? countLineBreak(buf[i]) : void(mAfterCr = false);
            block.text.append(buf + mPos, run - mPos);
            mPos = run;
            if (quote) {
                state = State::QuoteInQuoted;
                ++mPos;
            }
            continue;
        } else if (state == State::QuoteInQuoted) {
            if (c == '"') {
                block.text.push_back('"');
                state = State::Quoted;
                ++mPos;
                continue;
            }
            state = State::AfterQuoted;
        }
        if (state == State::AfterQuoted && isBlank(c)) {
            ++mPos;
            continue;
        }
        if (state == State::AfterQuoted && c != ',' && !isLineBreak(c))
            return Status::failure(
                cellError(mFileName, mLine, columnLabel(block.cellEnd.size() - firstCell),
                    "unexpected text after a closing quote (a quote inside a quoted value must be "
                    "doubled: \"\")"));
        // c is a separator: ',' ends the cell, a line break the record (or an empty line).
        ++mPos;
        if (c == ',') {
            endCell(block, cellStart, state == State::AfterQuoted);
            cellStart = block.text.size();
            state = State::CellStart;
            started = true;
            mAfterCr = false;
            continue;
        }
        countLineBreak(c);
        if (!started) { // an empty line: the record starts on the next one
            line = mLine;
            state = State::CellStart;
            continue;
        }
        endCell(block, cellStart, state == State::AfterQuoted);
        if (block.text.size() > kMaxBlockBytes)
            return Status::failure(lineError(mFileName, line, "a record of over 2 GiB"));
        if (Status ok = endRecord(block, firstCell, line); !ok.ok())
            return ok;
        return true;
    }
}

Result<int64_t> CsvStream::readRows(CsvRowBlock& block, int64_t maxRows, size_t maxBytes)
{
    block.text.clear();
    block.cellEnd.clear();
    block.lines.clear();
    block.columns = mHeader.size();
    while (block.rows() < maxRows && block.text.size() < maxBytes) {
        auto read = readRecord(block);
        if (!read.ok())
            return read.status();
        if (!read.value())
            break;
    }
    return block.rows();
}

} // namespace fr
