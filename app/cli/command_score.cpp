// fairreview-cli score: a CSV of any size through the project's model (the TorchScript module
// export-model writes), in chunks with bounded memory: each chunk is read, preprocessed with the
// project's plan (row_encoder.h) and scored into buffers reused from chunk to chunk.
#include "commands.h"

#include "data/csv_stream.h"
#include "data/row_encoder.h"
#include "project_model.h"
#include "util/json_writer.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <stdexcept>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace fr::cli {

namespace {

const char* kHelp
    = R"(usage: fairreview-cli score --project P --data FILE --out scores.csv [--chunk-rows N]
                          [--threads N]
Scores every row of FILE (a CSV with the project's columns, of any size) with the project's latest
model and writes id,score,probability per row to scores.csv (probability empty without a trained
head). FILE is read in chunks of N rows (default 65536, rounded up to a multiple of the model's
batch of 2048 rows, so that the output does not depend on N); memory stays bounded whatever the
file's size.
Rows are numbered 1.. when the project has no id column. A bad row stops the run with its file,
line and reason.
)";

constexpr int64_t kDefaultChunkRows = 65536;
// A chunk's matrix stays under 64 MB (16M floats) and its text under 64 MiB, however wide a row.
constexpr int64_t kMaxChunkValues = int64_t(16) << 20;
constexpr size_t kMaxChunkTextBytes = size_t(64) << 20;
constexpr auto kProgressEvery = std::chrono::seconds(2);

// Every batch allocates the same few MB of activations and index tensors. glibc maps large blocks
// afresh and trims freed memory back to the system, so each batch faulted its pages in again:
// measured 1M rows in 12.0 s (2.2 s in the kernel) against 8.9 s (0.9 s) with freed memory kept
// for reuse. Peak memory stays bounded by the chunk size either way.
void keepFreedMemoryForReuse()
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 32 << 20); // glibc's largest; fixes it instead of adapting
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

int fail(const std::string& message)
{
    std::cerr << "fairreview-cli score: " << message << "\n";
    return 1;
}

void appendNumber(std::string& out, float value)
{
    char buffer[32];
    auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    out.append(buffer, end);
}

void appendCsvCell(std::string& out, std::string_view text)
{
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        out.append(text);
        return;
    }
    out.push_back('"');
    for (char c : text) {
        if (c == '"')
            out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

// The stream, the encoder bound to its header and where each row's id comes from.
class ChunkScorer {
public:
    ChunkScorer(const ProjectModel& model, CsvStream& stream, RowEncoder& encoder, int idColumn,
        std::FILE* out)
        : mModel(model)
        , mStream(stream)
        , mEncoder(encoder)
        , mIdColumn(idColumn)
        , mOut(out)
    { }

    // Reads, encodes, scores and writes one chunk; 0 rows at the end of the file.
    Result<int64_t> next(int64_t chunkRows)
    {
        auto read = mStream.readRows(mBlock, chunkRows, kMaxChunkTextBytes);
        if (!read.ok() || read.value() == 0)
            return read;
        const int64_t n = read.value(), width = mEncoder.width();
        mMatrix.resize(static_cast<size_t>(n * width));
        for (int64_t r = 0; r < n; ++r)
            if (Status ok
                = mEncoder.encode(mBlock.cellsOf(r), mBlock.lines[r], mMatrix.data() + r * width);
                !ok.ok())
                return ok;
        if (Status ran = mModel.scripted->run(mMatrix.data(), n, mOutput, false); !ran.ok())
            return ran;
        return write(n);
    }

private:
    Result<int64_t> write(int64_t n)
    {
        mText.clear();
        const bool probability = mModel.scripted->hasProbability();
        for (int64_t r = 0; r < n; ++r) {
            if (mIdColumn >= 0)
                appendCsvCell(mText, mBlock.cellsOf(r)[mIdColumn]);
            else
                mText.append(std::to_string(++mRowNumber));
            mText.push_back(',');
            appendNumber(mText, mOutput.score[static_cast<size_t>(r)]);
            mText.push_back(',');
            if (probability)
                appendNumber(mText, mOutput.probability[static_cast<size_t>(r)]);
            mText.push_back('\n');
        }
        if (std::fwrite(mText.data(), 1, mText.size(), mOut) != mText.size())
            return Result<int64_t>::failure("cannot write the scores (disk full?)");
        return n;
    }

    const ProjectModel& mModel;
    CsvStream& mStream;
    RowEncoder& mEncoder;
    int mIdColumn;
    std::FILE* mOut;
    CsvRowBlock mBlock;
    std::vector<float> mMatrix;
    models::ScriptedOutput mOutput;
    std::string mText;
    int64_t mRowNumber = 0;
};

Result<int> idColumnOf(const CsvStream& stream, const ColumnMapping& mapping)
{
    if (mapping.idColumn.empty())
        return -1;
    const auto& header = stream.header();
    auto found = std::find(header.begin(), header.end(), mapping.idColumn);
    if (found == header.end())
        return Result<int>::failure(
            stream.fileName() + ": no column '" + mapping.idColumn + "' (the project's id column)");
    return static_cast<int>(found - header.begin());
}

void reportProgress(const CsvStream& stream, int64_t rows, double seconds)
{
    const double share = stream.fileSize() > 0
        ? 100.0 * static_cast<double>(stream.bytesRead()) / static_cast<double>(stream.fileSize())
        : 0.0;
    std::fprintf(stderr, "score: %lld rows, %.0f%% of %s, %.0f rows/s\n",
        static_cast<long long>(rows), std::min(share, 100.0), stream.fileName().c_str(),
        seconds > 0 ? rows / seconds : 0.0);
}

// Whole batches of the module (ScriptedModel::batchRows), so that a row's figures do not depend on
// the chunk size, and at most kMaxChunkValues matrix values.
int64_t chunkRowsFor(int64_t requested, int64_t width)
{
    const int64_t batch = models::ScriptedModel::batchRows();
    const int64_t cap = std::max<int64_t>(1, kMaxChunkValues / std::max<int64_t>(1, width) / batch);
    return batch * std::clamp<int64_t>((requested + batch - 1) / batch, 1, cap);
}

struct ScoreRun {
    int64_t rows = 0;
    double seconds = 0.0;
};

Result<ScoreRun> scoreFile(const ProjectModel& model, const std::string& dataPath,
    const std::string& outPath, int64_t chunkRows)
{
    auto stream = CsvStream::open(dataPath);
    if (!stream.ok())
        return stream.status();
    auto encoder = RowEncoder::fromFeatures(model.data->features);
    if (!encoder.ok())
        return encoder.status();
    if (Status bound = encoder.value().bind(stream.value()->header(), stream.value()->fileName());
        !bound.ok())
        return bound;
    auto idColumn = idColumnOf(*stream.value(), model.mapping);
    if (!idColumn.ok())
        return idColumn.status();
    std::FILE* out = std::fopen(outPath.c_str(), "wb");
    if (!out)
        return Result<ScoreRun>::failure(outPath + ": cannot create the file");
    std::fputs("id,score,probability\n", out);
    ChunkScorer scorer(model, *stream.value(), encoder.value(), idColumn.value(), out);
    const int64_t rowsPerChunk = chunkRowsFor(chunkRows, encoder.value().width());
    const auto start = std::chrono::steady_clock::now();
    auto lastReport = start;
    ScoreRun run;
    for (;;) {
        auto chunk = scorer.next(rowsPerChunk);
        if (!chunk.ok() || chunk.value() == 0) {
            const bool closed = std::fclose(out) == 0;
            if (!chunk.ok())
                return chunk.status();
            if (!closed)
                return Result<ScoreRun>::failure(outPath + ": cannot write the file");
            break;
        }
        run.rows += chunk.value();
        const auto now = std::chrono::steady_clock::now();
        run.seconds = std::chrono::duration<double>(now - start).count();
        if (now - lastReport >= kProgressEvery) {
            reportProgress(*stream.value(), run.rows, run.seconds);
            lastReport = now;
        }
    }
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return run;
}

} // namespace

int runScore(const CliArgs& args)
{
    if (args.has("help")) {
        std::cout << kHelp;
        return 0;
    }
    const std::string project = args.required("project");
    const std::string data = args.required("data");
    const std::string out = args.required("out");
    const int64_t chunkRows = args.integer("chunk-rows", kDefaultChunkRows);
    const int threads = static_cast<int>(args.integer("threads", -1));
    if (chunkRows <= 0)
        throw std::invalid_argument("--chunk-rows expects a positive number");
    if (const auto unread = args.unread(); !unread.empty())
        throw std::invalid_argument("unknown option " + unread.front() + " (see --help)");
    keepFreedMemoryForReuse();
    auto model = loadProjectModel(project, "score", threads);
    if (!model.ok())
        return fail(model.error());
    auto run = scoreFile(model.value(), data, out, chunkRows);
    if (!run.ok())
        return fail(run.error());
    const ScoreRun& r = run.value();
    JsonWriter json;
    json.beginObject().field("data", data).field("out", out).field("rows", r.rows);
    json.field("model_version", model.value().saved.model.version);
    json.field("seconds", r.seconds);
    json.field("rows_per_second", r.seconds > 0 ? r.rows / r.seconds : 0.0).endObject();
    std::cout << json.str() << "\n";
    return 0;
}

} // namespace fr::cli
