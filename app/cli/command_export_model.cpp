// fairreview-cli export-model: the project's latest model as a TorchScript module plus model.json
// (preprocessing, model kind and version), checked against the detector on the project's rows
// before anything is written (docs/ARCHITECTURE.md, "The exported model").
#include "commands.h"

#include "data/data_error.h"
#include "data/preprocessing_json.h"
#include "data/row_encoder.h"
#include "project_model.h"
#include "util/json_writer.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace fr::cli {

namespace {

const char* kHelp
    = R"(usage: fairreview-cli export-model --project P --out model.pt [--json model.json]
                                 [--reference FILE [--reference-rows N]] [--threads N]
Writes the project's latest model as a TorchScript module: forward(x) takes float32 rows
preprocessed as model.json says ([n, width]) and returns (score, probability, latent). The module
is checked against FairReview's own scoring of the project's rows before it is written.
  --json            the preprocessing and model description (default: --out with .json)
  --reference       a CSV of N project rows (default 1000): id, the preprocessed row x0.., and
                    FairReview's score, probability and latent0.. for it, to check an engine with
)";

// Above this the module does not reproduce the detector: a bug, never written out.
constexpr double kMaxScaledDiff = 1e-3;
constexpr int64_t kCheckChunkRows = 65536;

int fail(const std::string& message)
{
    std::cerr << "fairreview-cli export-model: " << message << "\n";
    return 1;
}

std::string defaultJsonPath(const std::string& out)
{
    const size_t slash = out.find_last_of('/');
    const size_t dot = out.find_last_of('.');
    const bool hasExtension
        = dot != std::string::npos && (slash == std::string::npos || dot > slash);
    return (hasExtension ? out.substr(0, dot) : out) + ".json";
}

struct RoundTrip {
    SeriesDiff score, probability, latent;
    int64_t rows = 0;
};

// The module on every project row against Detector::scoreAll.
Result<RoundTrip> checkAgainstDetector(const ProjectModel& model)
{
    auto own = model.detector->scoreAll(true);
    if (!own.ok())
        return own.status();
    const FeatureMatrix& m = model.data->matrix;
    models::ScriptedOutput out;
    std::vector<float> score, probability, latent;
    for (int64_t from = 0; from < m.rows; from += kCheckChunkRows) {
        const int64_t n = std::min(kCheckChunkRows, m.rows - from);
        if (Status ran = model.scripted->run(m.row(from), n, out); !ran.ok())
            return ran;
        score.insert(score.end(), out.score.begin(), out.score.end());
        probability.insert(probability.end(), out.probability.begin(), out.probability.end());
        latent.insert(latent.end(), out.latent.begin(), out.latent.end());
    }
    RoundTrip check;
    check.rows = m.rows;
    check.score.add(score, own.value().score);
    check.latent.add(latent, own.value().latent);
    if (model.scripted->hasProbability())
        check.probability.add(probability, own.value().probability);
    return check;
}

void writeModelJson(JsonWriter& json, const ProjectModel& model, const std::string& modulePath)
{
    const ModelVersionRecord& r = model.saved.model;
    const models::ScriptedModel& s = *model.scripted;
    json.beginObject().field("format", "fairreview-exported-model").field("format_version", 1);
    json.field("module", baseName(modulePath));
    json.key("model").beginObject().field("kind", r.kind).field("version", r.version);
    json.field("seed", static_cast<int64_t>(r.seed)).field("labels_used", r.labelsUsed);
    json.key("hyper_parameters").rawValue(r.hyperParameters).endObject();
    json.key("input").beginObject().field("dtype", "float32").field("width", s.inputDim());
    json.field("layout", "[n, width], columns as preprocessing.columns places them").endObject();
    json.key("outputs").beginObject();
    json.field("forward", "(score, probability, latent)");
    json.field("score", "[n] base detector score, higher = more suspicious");
    json.field("probability",
        s.hasProbability() ? "[n] the UAI head's probability of an anomaly"
                           : "[n] NaN: this model has no trained head");
    json.field("has_probability", s.hasProbability());
    json.field("latent_dim", s.latentDim());
    json.field("outputs_method", "outputs(x): (score, prior, logit, probability, latent)");
    json.endObject();
    json.key("isolation_forest");
    if (s.hasForest())
        json.beginObject()
            .field("trees", s.forestTrees())
            .field("depth", s.forestDepth())
            .endObject();
    else
        json.null();
    auto encoder = RowEncoder::fromFeatures(model.data->features);
    json.key("preprocessing");
    if (encoder.ok())
        writePreprocessingJson(json, encoder.value(), model.mapping);
    else
        json.null();
    json.endObject();
}

Status writeText(const std::string& path, const std::string& text)
{
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << text;
    file.close();
    if (!file)
        return Status::failure(path + ": cannot write the file");
    return Status::success();
}

std::string csvCell(const std::string& text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string out = "\"";
    for (char c : text)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string number(float value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.9g", value);
    return buffer;
}

// The first rows of the project with FairReview's own outputs for them.
Status writeReference(const std::string& path, const ProjectModel& model, int64_t rows)
{
    auto own = model.detector->scoreAll(true);
    if (!own.ok())
        return own.status();
    const models::DetectorOutput& o = own.value();
    const FeatureMatrix& m = model.data->matrix;
    std::string text = "id";
    for (int64_t c = 0; c < m.cols; ++c)
        text += ",x" + std::to_string(c);
    text += ",score,probability";
    for (int64_t c = 0; c < o.latentDim; ++c)
        text += ",latent" + std::to_string(c);
    text += "\n";
    for (int64_t r = 0; r < std::min(rows, m.rows); ++r) {
        text += csvCell(model.data->ids[static_cast<size_t>(r)]);
        for (int64_t c = 0; c < m.cols; ++c)
            text += "," + number(m.at(r, c));
        text += "," + number(o.score[static_cast<size_t>(r)]) + ",";
        text += o.probability.empty() ? "nan" : number(o.probability[static_cast<size_t>(r)]);
        for (int64_t c = 0; c < o.latentDim; ++c)
            text += "," + number(o.latent[static_cast<size_t>(r * o.latentDim + c)]);
        text += "\n";
    }
    return writeText(path, text);
}

void writeDiff(JsonWriter& json, const std::string& name, const SeriesDiff& diff)
{
    json.key(name).beginObject().field("max_abs", diff.maxAbs);
    json.field("max_scaled", diff.maxScaled).endObject();
}

} // namespace

int runExportModel(const CliArgs& args)
{
    if (args.has("help")) {
        std::cout << kHelp;
        return 0;
    }
    const std::string project = args.required("project");
    const std::string out = args.required("out");
    const std::string jsonPath = args.get("json", defaultJsonPath(out));
    const std::string reference = args.get("reference", "");
    const int64_t referenceRows = args.integer("reference-rows", 1000);
    const int threads = static_cast<int>(args.integer("threads", -1));
    if (const auto unread = args.unread(); !unread.empty())
        throw std::invalid_argument("unknown option " + unread.front() + " (see --help)");
    auto model = loadProjectModel(project, "export-model", threads);
    if (!model.ok())
        return fail(model.error());
    auto check = checkAgainstDetector(model.value());
    if (!check.ok())
        return fail(check.error());
    const RoundTrip& c = check.value();
    const double worst = std::max({c.score.maxScaled, c.probability.maxScaled, c.latent.maxScaled});
    if (!(worst <= kMaxScaledDiff))
        return fail("the TorchScript module does not reproduce the model (worst difference "
            + std::to_string(worst) + "); nothing written");
    if (Status saved = model.value().scripted->save(out); !saved.ok())
        return fail(saved.error());
    JsonWriter modelJson;
    writeModelJson(modelJson, model.value(), out);
    if (Status written = writeText(jsonPath, modelJson.str() + "\n"); !written.ok())
        return fail(written.error());
    if (!reference.empty())
        if (Status written = writeReference(reference, model.value(), referenceRows); !written.ok())
            return fail(written.error());
    JsonWriter json;
    json.beginObject().field("module", out).field("json", jsonPath);
    json.field("model_version", model.value().saved.model.version);
    json.field("rows_checked", c.rows);
    writeDiff(json, "score", c.score);
    writeDiff(json, "probability", c.probability);
    writeDiff(json, "latent", c.latent);
    json.endObject();
    std::cout << json.str() << "\n";
    return 0;
}

} // namespace fr::cli
