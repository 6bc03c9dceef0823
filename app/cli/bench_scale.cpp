// fairreview-cli bench --scale: how the costs grow with the data. For each size a seeded tabular
// data set is generated (50 numeric features, 1% planted anomalies), written as a CSV, loaded, and
// run through `simulate` with the default model for a few rounds; the table shows CSV load,
// pre-training, the median round and the peak memory at each size (issue 13).
#include "commands.h"
#include "simulation_run.h"

#include "data/dataset_loader.h"
#include "util/json_writer.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace fr::cli {

namespace {

constexpr int kFeatures = 50;
constexpr double kAnomalyFraction = 0.01;
constexpr int kShiftedFeatures = 5; // an anomaly is a normal row with these moved by +-kShift
constexpr double kShift = 4.0;
constexpr int64_t kRoundsBudget = 60; // six rounds of ten labels after pre-training

struct ScaleFigures {
    int64_t rows = 0;
    double csvMegabytes = 0, generateSeconds = 0, loadSeconds = 0, loadPeakMb = 0;
    double pretrainSeconds = 0, roundMsP50 = 0, peakMb = 0;
    int64_t found = 0, anomalies = 0;
};

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Linux's high-water mark of the resident set: reset before a step, read after it.
void resetPeakMemory()
{
    std::ofstream("/proc/self/clear_refs") << "5";
}

double peakMemoryMb()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::strtod(line.c_str() + 6, nullptr) / 1024.0; // kB
    return 0.0;
}

void appendNumber(std::string& out, double value)
{
    char buffer[32];
    const auto end
        = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 4).ptr;
    out.append(buffer, end);
}

// id,label,f1..f50; label 1 marks a planted anomaly. Returns the anomaly count.
int64_t writeScaleCsv(const std::string& path, int64_t rows, uint64_t seed)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        throw std::runtime_error("cannot write " + path);
    std::string line = "id,label";
    for (int f = 1; f <= kFeatures; ++f)
        line += ",f" + std::to_string(f);
    out << line << "\n";
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::uniform_int_distribution<int> feature(0, kFeatures - 1);
    int64_t anomalies = 0;
    std::vector<double> x(kFeatures);
    for (int64_t r = 0; r < rows; ++r) {
        for (double& v : x)
            v = normal(rng);
        const bool anomaly = unit(rng) < kAnomalyFraction;
        if (anomaly) {
            ++anomalies;
            for (int k = 0; k < kShiftedFeatures; ++k)
                x[feature(rng)] += unit(rng) < 0.5 ? -kShift : kShift;
        }
        line = std::to_string(r + 1) + (anomaly ? ",1" : ",0");
        for (double v : x) {
            line += ',';
            appendNumber(line, v);
        }
        line += '\n';
        out << line;
    }
    if (!out)
        throw std::runtime_error("error while writing " + path);
    return anomalies;
}

Result<ScaleFigures> measureSize(int64_t rows, const std::string& directory, uint64_t seed)
{
    ScaleFigures figures;
    figures.rows = rows;
    const std::string path = directory + "/scale-" + std::to_string(rows) + ".csv";
    auto start = std::chrono::steady_clock::now();
    figures.anomalies = writeScaleCsv(path, rows, seed);
    figures.generateSeconds = secondsSince(start);
    std::ifstream size(path, std::ios::binary | std::ios::ate);
    figures.csvMegabytes = static_cast<double>(size.tellg()) / (1024.0 * 1024.0);

    ColumnMapping mapping;
    mapping.idColumn = "id";
    mapping.truthColumn = "label";
    mapping.anomalyValue = "1";
    resetPeakMemory();
    start = std::chrono::steady_clock::now();
    {
        auto loaded = loadCsvDataset(path, mapping);
        if (!loaded.ok())
            return loaded.status();
    }
    figures.loadSeconds = secondsSince(start);
    figures.loadPeakMb = peakMemoryMb();

    resetPeakMemory();
    auto run = simulateFromArgs(
        CliArgs({"--data", path, "--id", "id", "--truth", "label=1", "--budget",
            std::to_string(kRoundsBudget), "--latent", "--seed", std::to_string(seed)}),
        SimulationOptions {});
    std::remove(path.c_str());
    if (!run.ok())
        return run.status();
    figures.peakMb = peakMemoryMb();
    const SimulationResult& result = run.value().result;
    figures.pretrainSeconds = result.pretrainSeconds;
    std::vector<double> rounds = result.roundMs;
    std::sort(rounds.begin(), rounds.end());
    figures.roundMsP50 = rounds.empty() ? 0.0 : rounds[rounds.size() / 2];
    figures.found = result.found();
    return figures;
}

std::vector<int64_t> parseSizes(const std::string& text)
{
    std::vector<int64_t> sizes;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        char* end = nullptr;
        const double value = std::strtod(item.c_str(), &end);
        if (item.empty() || *end != '\0' || value < 100 || value > 1e8)
            throw std::invalid_argument(
                "--sizes expects row counts from 100 to 1e8, got '" + item + "'");
        sizes.push_back(static_cast<int64_t>(value));
    }
    return sizes;
}

void printScaleHeader()
{
    std::printf("%10s %9s %8s %9s %11s %10s %9s %7s\n", "rows", "csv_MB", "load_s", "load_MB",
        "pretrain_s", "round_p50", "peak_MB", "found");
}

void printScaleRow(const ScaleFigures& f)
{
    std::printf("%10lld %9.1f %8.2f %9.0f %11.2f %8.0fms %9.0f %3lld/%-3lld\n",
        static_cast<long long>(f.rows), f.csvMegabytes, f.loadSeconds, f.loadPeakMb,
        f.pretrainSeconds, f.roundMsP50, f.peakMb, static_cast<long long>(f.found),
        static_cast<long long>(std::min<int64_t>(f.anomalies, kRoundsBudget)));
    std::fflush(stdout);
}

std::string scaleJson(const std::vector<ScaleFigures>& all)
{
    JsonWriter json;
    json.beginObject().field("features", kFeatures).field("anomaly_fraction", kAnomalyFraction);
    json.field("labels", kRoundsBudget).key("sizes").beginArray();
    for (const ScaleFigures& f : all)
        json.beginObject()
            .field("rows", f.rows)
            .field("csv_mb", f.csvMegabytes)
            .field("generate_s", f.generateSeconds)
            .field("load_s", f.loadSeconds)
            .field("load_peak_mb", f.loadPeakMb)
            .field("pretrain_s", f.pretrainSeconds)
            .field("round_ms_p50", f.roundMsP50)
            .field("peak_mb", f.peakMb)
            .field("found", f.found)
            .field("anomalies", f.anomalies)
            .endObject();
    json.endArray().endObject();
    return json.str();
}

} // namespace

int runBenchScale(const CliArgs& args)
{
    (void)args.get("scale"); // the flag that led here
    const std::vector<int64_t> sizes = parseSizes(args.get("sizes", "1e4,1e5,1e6"));
    const std::string jsonPath = args.get("json", "");
    const char* tmp = std::getenv("TMPDIR");
    const std::string directory = args.get("dir", tmp && *tmp ? tmp : "/tmp");
    const uint64_t seed = static_cast<uint64_t>(args.integer("seed", 0));
    if (!args.unread().empty())
        throw std::invalid_argument("unknown option " + args.unread().front());
    std::vector<ScaleFigures> all;
    printScaleHeader();
    for (int64_t rows : sizes) {
        auto figures = measureSize(rows, directory, seed);
        if (!figures.ok()) {
            std::cerr << "fairreview-cli bench --scale: " << rows << " rows: " << figures.error()
                      << "\n";
            return 1;
        }
        printScaleRow(figures.value());
        all.push_back(figures.value());
    }
    if (!jsonPath.empty()) {
        std::ofstream out(jsonPath);
        out << scaleJson(all) << "\n";
        if (!out) {
            std::cerr << "fairreview-cli bench --scale: cannot write " << jsonPath << "\n";
            return 1;
        }
    }
    return 0;
}

} // namespace fr::cli
