// fairreview-cli bench: `simulate` over a suite of data sets x models x seeds, one table of
// anomalies found at 10/50/100/200/500/b beside the label-free prior and the public peers'
// figures (data/peers), and the same as JSON.
#include "commands.h"
#include "simulation_run.h"

#include "util/json_writer.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace fr::cli {

namespace {

const char* kHelp = R"(usage: fairreview-cli bench --suite FILE [--only NAME[,NAME...]]
                       [--models M[,M...]] [--seeds S[,S...]] [--json OUT]
                       [--peers FILE] [--threads N]
Runs `simulate` for every data set of the suite with every model and seed, and prints one table:
anomalies found after 10, 50, 100, 200, 500 and b labels (b = the budget), the same read off the
label-free prior the session started from, the median round time and the total seconds. Each data
set's median over the seeds follows its runs, with the peers' figures for that data set.
A suite file holds lines of the form
  models active uainet           the models every data set runs with
  seeds 0 1 2                    the seeds
  data NAME [peer=P] [models=M,M] [seeds=S,S] SIMULATE-OPTIONS...
(# starts a comment). --only, --models and --seeds narrow or override the suite.
  --peers  the peers' summary (default data/peers/AAD_summary.csv)

usage: fairreview-cli bench --scale [--sizes N[,N...]] [--json OUT] [--dir DIR] [--seed S]
Generates seeded data (50 numeric features, 1% planted anomalies) at each size (default
1e4,1e5,1e6 rows) as a CSV in DIR (default $TMPDIR or /tmp; removed after), and prints CSV load
time and peak memory, then `simulate --latent` with the default model for 60 labels: pre-training,
median round, the process's peak memory during it, anomalies found.
)";

const int64_t kBudgets[] = {10, 50, 100, 200, 500};

struct SuiteEntry {
    std::string name;
    std::string peer;
    std::vector<std::string> models, seeds, options;
};

struct Suite {
    std::vector<std::string> models {"active"};
    std::vector<std::string> seeds {"0"};
    std::vector<SuiteEntry> entries;
};

std::vector<std::string> splitList(const std::string& text, char separator)
{
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, separator);)
        if (!item.empty())
            out.push_back(item);
    return out;
}

Result<Suite> readSuite(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        return Result<Suite>::failure("cannot read the suite file '" + path + "'");
    Suite suite;
    int lineNo = 0;
    for (std::string line; std::getline(in, line);) {
        ++lineNo;
        std::vector<std::string> words = splitList(line.substr(0, line.find('#')), ' ');
        if (words.empty())
            continue;
        const std::string where = path + " line " + std::to_string(lineNo) + ": ";
        const std::vector<std::string> rest(words.begin() + 1, words.end());
        if (words[0] == "models" || words[0] == "seeds") {
            if (rest.empty())
                return Result<Suite>::failure(where + words[0] + " needs at least one value");
            (words[0] == "models" ? suite.models : suite.seeds) = rest;
            continue;
        }
        if (words[0] != "data" || rest.empty())
            return Result<Suite>::failure(
                where + "expected 'models ...', 'seeds ...' or 'data NAME options...'");
        SuiteEntry entry;
        entry.name = rest[0];
        for (size_t i = 1; i < rest.size(); ++i) {
            const std::string& w = rest[i];
            if (w.rfind("peer=", 0) == 0)
                entry.peer = w.substr(5);
            else if (w.rfind("models=", 0) == 0)
                entry.models = splitList(w.substr(7), ',');
            else if (w.rfind("seeds=", 0) == 0)
                entry.seeds = splitList(w.substr(6), ',');
            else
                entry.options.push_back(w);
        }
        suite.entries.push_back(std::move(entry));
    }
    if (suite.entries.empty())
        return Result<Suite>::failure(path + " names no data set ('data NAME options...')");
    return suite;
}

// The peers' found@k per data set and method, from the summary CSV (empty cells: not measured).
struct PeerRow {
    std::string method;
    std::map<int64_t, std::string> foundAt;
};

std::map<std::string, std::vector<PeerRow>> readPeers(const std::string& path)
{
    std::map<std::string, std::vector<PeerRow>> peers;
    std::ifstream in(path);
    std::string header;
    if (!in || !std::getline(in, header))
        return peers;
    const std::vector<std::string> columns = splitList(header, ',');
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> cells;
        std::stringstream row(line);
        for (std::string cell; std::getline(row, cell, ',');)
            cells.push_back(cell);
        std::map<std::string, std::string> byName;
        for (size_t c = 0; c < columns.size() && c < cells.size(); ++c)
            byName[columns[c]] = cells[c];
        PeerRow peer;
        peer.method = byName["method"] + " (b=" + byName["budget"] + ")";
        for (int64_t k : kBudgets) {
            std::string v = byName["found@" + std::to_string(k)];
            if (!v.empty())
                peer.foundAt[k] = std::to_string(static_cast<int64_t>(std::stod(v)));
        }
        peers[byName["dataset"]].push_back(peer);
    }
    return peers;
}

struct RunFigures {
    std::string data, model, seed;
    SimulationResult result;
    double totalSeconds = 0.0;
    std::string reportJson;
};

double median(std::vector<double> v)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double roundP50(const SimulationResult& r)
{
    return median(r.roundMs);
}

std::string cell(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, v == static_cast<int64_t>(v) ? "%.0f" : "%.1f", v);
    return buf;
}

void printHeader()
{
    std::printf("%-18s %-10s %-6s %6s %6s %6s %6s %6s %12s | %-27s | %9s %8s\n", "data", "model",
        "seed", "@10", "@50", "@100", "@200", "@500", "at b", "prior @50/@100/@500/b", "round p50",
        "total s");
}

void printRow(const std::string& data, const std::string& model, const std::string& seed,
    const std::vector<double>& found, double atB, double fraction, const std::string& prior,
    double roundMs, double totalS)
{
    std::printf("%-18s %-10s %-6s", data.c_str(), model.c_str(), seed.c_str());
    for (double f : found)
        std::printf(" %6s", f < 0 ? "-" : cell(f).c_str());
    const std::string b = atB < 0 ? "-" : cell(atB) + " (" + cell(fraction * 1000 / 10) + "%)";
    std::printf(" %12s | %-27s | %9s %8s\n", b.c_str(), prior.c_str(),
        roundMs < 0 ? "-" : (cell(roundMs) + " ms").c_str(),
        totalS < 0 ? "-" : cell(totalS).c_str());
}

std::vector<double> foundRow(const std::vector<int64_t>& curve, int64_t budget)
{
    std::vector<double> out;
    for (int64_t k : kBudgets)
        out.push_back(k <= budget ? static_cast<double>(foundAt(curve, k)) : -1.0);
    return out;
}

std::string priorCell(const SimulationResult& r)
{
    const std::vector<int64_t>& p = r.priorFoundAfter;
    return std::to_string(foundAt(p, 50)) + "/" + std::to_string(foundAt(p, 100)) + "/"
        + std::to_string(foundAt(p, 500)) + "/" + std::to_string(foundAt(p, r.budget));
}

void printRun(const RunFigures& run)
{
    const SimulationResult& r = run.result;
    printRow(run.data, run.model, run.seed, foundRow(r.foundAfter, r.budget),
        static_cast<double>(r.found()), r.budget ? static_cast<double>(r.found()) / r.budget : 0.0,
        priorCell(r), roundP50(r), run.totalSeconds);
    std::fflush(stdout);
}

// The median over seeds of one data set and model, printed after its runs.
void printMedian(const std::vector<const RunFigures*>& runs)
{
    if (runs.size() < 2)
        return;
    std::vector<double> found;
    for (size_t i = 0; i < std::size(kBudgets); ++i) {
        std::vector<double> v;
        for (const RunFigures* run : runs)
            v.push_back(foundRow(run->result.foundAfter, run->result.budget)[i]);
        found.push_back(median(v));
    }
    std::vector<double> atB, fraction, round, total;
    for (const RunFigures* run : runs) {
        atB.push_back(static_cast<double>(run->result.found()));
        fraction.push_back(static_cast<double>(run->result.found()) / run->result.budget);
        round.push_back(roundP50(run->result));
        total.push_back(run->totalSeconds);
    }
    printRow(runs.front()->data, runs.front()->model, "median", found, median(atB),
        median(fraction), "", median(round), median(total));
}

void printPeers(const std::vector<PeerRow>& peers)
{
    for (const PeerRow& peer : peers) {
        std::vector<double> found;
        for (int64_t k : kBudgets)
            found.push_back(peer.foundAt.count(k) ? std::stod(peer.foundAt.at(k)) : -1.0);
        printRow("  peer", peer.method, "", found, -1, 0, "", -1, -1);
    }
}

std::string runsJson(const std::vector<RunFigures>& runs)
{
    JsonWriter json;
    json.beginObject().key("runs").beginArray();
    for (const RunFigures& run : runs)
        json.beginObject()
            .field("name", run.data)
            .key("report")
            .rawValue(run.reportJson)
            .endObject();
    json.endArray().endObject();
    return json.str();
}

} // namespace

int runBench(const CliArgs& args)
{
    if (args.has("help")) {
        std::cout << kHelp;
        return 0;
    }
    if (args.has("scale"))
        return runBenchScale(args);
    auto suite = readSuite(args.required("suite"));
    if (!suite.ok()) {
        std::cerr << "fairreview-cli bench: " << suite.error() << "\n";
        return 1;
    }
    const std::vector<std::string> only = splitList(args.get("only", ""), ',');
    const std::vector<std::string> models = splitList(args.get("models", ""), ',');
    const std::vector<std::string> seeds = splitList(args.get("seeds", ""), ',');
    const std::string jsonPath = args.get("json", "");
    const auto peers = readPeers(args.get("peers", "data/peers/AAD_summary.csv"));
    const std::string threads = args.get("threads", "");
    if (!args.unread().empty())
        throw std::invalid_argument("unknown option " + args.unread().front() + "\n" + kHelp);

    std::vector<RunFigures> runs;
    printHeader();
    for (const SuiteEntry& entry : suite.value().entries) {
        if (!only.empty() && std::find(only.begin(), only.end(), entry.name) == only.end())
            continue;
        const auto& entryModels = !models.empty() ? models
            : !entry.models.empty()               ? entry.models
                                                  : suite.value().models;
        const auto& entrySeeds = !seeds.empty() ? seeds
            : !entry.seeds.empty()              ? entry.seeds
                                                : suite.value().seeds;
        for (const std::string& model : entryModels) {
            const size_t first = runs.size();
            for (const std::string& seed : entrySeeds) {
                std::vector<std::string> tokens = entry.options;
                tokens.insert(tokens.end(), {"--model", model, "--seed", seed});
                if (!threads.empty())
                    tokens.insert(tokens.end(), {"--threads", threads});
                auto run = simulateFromArgs(CliArgs(tokens), SimulationOptions {});
                if (!run.ok()) {
                    std::cerr << "fairreview-cli bench: " << entry.name << ", " << model
                              << ", seed " << seed << ": " << run.error() << "\n";
                    return 1;
                }
                RunFigures figures {entry.name, model, seed, run.value().result,
                    run.value().totalSeconds, simulationReportJson(run.value())};
                printRun(figures);
                runs.push_back(std::move(figures));
            }
            std::vector<const RunFigures*> group;
            for (size_t i = first; i < runs.size(); ++i)
                group.push_back(&runs[i]);
            printMedian(group);
        }
        if (auto p = peers.find(entry.peer); !entry.peer.empty() && p != peers.end())
            printPeers(p->second);
    }
    if (!jsonPath.empty()) {
        std::ofstream out(jsonPath);
        out << runsJson(runs) << "\n";
        if (!out) {
            std::cerr << "fairreview-cli bench: cannot write " << jsonPath << "\n";
            return 1;
        }
    }
    return 0;
}

} // namespace fr::cli
