// The TorchScript module of a detector (torchscript_export.h): parameters and buffers registered
// on a torch::jit::Module, its methods compiled from TorchScript source written here. The source
// mirrors detector.cpp's scoring: the net's Linear/ReLU stacks, the standardised scores s~, the
// head on [latent; row; s~], and IsolationForest::meanPathLength as a walk of every tree at once.
#include "models/torchscript_export.h"

#include "models/autoencoder_net.h"
#include "models/detector.h"
#include "models/detector_internals.h"
#include "models/failure_message.h"
#include "models/isolation_forest.h"
#include "models/uai_head.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <ATen/Parallel.h>

#include <algorithm>
#include <limits>
#include <map>
#include <sstream>

namespace fr::models {

namespace {

// Rows per forest walk inside the module (see kForestSource) and per call of the module from
// run(): the activations of 2,048 rows (2 MB at 256 wide) stay in malloc's reused heap and in
// cache, as the detector's own 1,024-row scoring chunks do.
constexpr int64_t kForestBlockRows = 4096;
constexpr int64_t kRunBatchRows = 2048;

// One Linear layer of an encoder or decoder: its weight and bias attribute names.
struct LinearLayer {
    std::string weight, bias;
};

// The module's attribute name for a net parameter: "encoder.0.weight" -> "encoder_0_weight".
std::string attributeName(std::string path)
{
    for (char& c : path)
        if (c == '.')
            c = '_';
    return path;
}

// The Linear layers under prefix ("encoder" or "decoder") in order; the nets are Sequential
// stacks of Linear and ReLU with no activation after the last Linear (dae_net.cpp, fadig_net.cpp).
Result<std::vector<LinearLayer>> linearLayers(
    const std::vector<std::pair<std::string, at::Tensor>>& named, const std::string& prefix)
{
    std::map<int, LinearLayer> byIndex;
    for (const auto& [path, tensor] : named) {
        if (path.rfind(prefix + ".", 0) != 0)
            continue;
        const std::string rest = path.substr(prefix.size() + 1);
        const size_t dot = rest.find('.');
        const std::string field = dot == std::string::npos ? "" : rest.substr(dot + 1);
        if (dot == std::string::npos || (field != "weight" && field != "bias"))
            return Result<std::vector<LinearLayer>>::failure(
                "the network's parameter '" + path + "' is not a Linear layer's weight or bias");
        LinearLayer& layer = byIndex[std::stoi(rest.substr(0, dot))];
        (field == "weight" ? layer.weight : layer.bias) = attributeName(path);
    }
    std::vector<LinearLayer> layers;
    for (const auto& [index, layer] : byIndex)
        layers.push_back(layer);
    if (layers.empty())
        return Result<std::vector<LinearLayer>>::failure(
            "the network has no " + prefix + " layers to export");
    return layers;
}

// TorchScript for a Linear/ReLU stack: method name(h) -> h.
std::string stackSource(const std::string& name, const std::vector<LinearLayer>& layers)
{
    std::ostringstream src;
    src << "def " << name << "(self, h: Tensor) -> Tensor:\n";
    for (size_t i = 0; i < layers.size(); ++i) {
        src << "    h = torch.addmm(self." << layers[i].bias << ", h, self." << layers[i].weight
            << ".t())\n";
        if (i + 1 < layers.size())
            src << "    h = torch.relu_(h)\n";
    }
    src << "    return h\n";
    return src.str();
}

// IsolationForest::meanPathLength for every row and tree at once: maxDepth steps from the roots
// (a leaf is its own child), then the leaves' path lengths averaged in float64 as the C++ does.
// A position is 2 x node: the node's left child is child[at], its right child child[at + 1], and
// a row goes right unless value < split (the rows are finite: no NaN reaches the matrix).
// Blocks of forest_block_rows rows keep the [rows, trees] index tensors a few MB: larger ones
// (52 MB at 65,536 rows) are mapped and faulted in afresh by every operation, 25x slower.
const char* kForestSource = R"(
def forest_block(self, x: Tensor) -> Tensor:
    n = x.size(0)
    at = self.forest_roots.unsqueeze(0).expand(n, self.forest_roots.size(0))
    for _ in range(self.forest_depth):
        value = torch.gather(x, 1, torch.take(self.forest_feature, at))
        at = torch.take(self.forest_child, at + torch.ge(value, torch.take(self.forest_split, at)))
    path = torch.take(self.forest_path, at).mean(1)
    return torch.pow(2.0, -path / self.forest_normaliser).float()

def forest_score(self, x: Tensor) -> Tensor:
    if x.size(0) <= self.forest_block_rows:
        return self.forest_block(x)
    blocks = [self.forest_block(b) for b in torch.split(x, self.forest_block_rows)]
    return torch.cat(blocks)
)";

// The head and the outputs; {STANDARDISED}, {PRIOR}, {HEAD_INPUT} are filled per model kind.
const char* kOutputsSource = R"(
def head_rows(self, x: Tensor) -> Tensor:
    return torch.mm(x - self.head_mean, self.head_axes) / self.head_scale

def outputs(self, x: Tensor) -> Tuple[Tensor, Tensor, Tensor, Tensor, Tensor]:
    latent = self.encode(x)
    score = (x - self.decode(latent)).pow(2).sum(1)
    standardised = {STANDARDISED}
    prior = {PRIOR}
    if self.has_head:
        logit = torch.addmm(self.head_bias, {HEAD_INPUT}, self.head_weight.t()).squeeze(1)
        probability = torch.sigmoid(logit)
    else:
        logit = torch.full_like(score, float('nan'))
        probability = torch.full_like(score, float('nan'))
    return score, prior, logit, probability, latent

def forward(self, x: Tensor) -> Tuple[Tensor, Tensor, Tensor]:
    score, prior, logit, probability, latent = self.outputs(x)
    return score, probability, latent
)";

std::string replaced(std::string text, const std::string& key, const std::string& value)
{
    for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + 1))
        text.replace(at, key.size(), value);
    return text;
}

at::Tensor floatTensor(const std::vector<float>& v)
{
    return torch::tensor(at::ArrayRef<float>(v), torch::kFloat);
}

at::Tensor longTensor(const std::vector<int32_t>& v)
{
    return torch::tensor(at::ArrayRef<int32_t>(v), torch::kInt).to(torch::kLong);
}

void addDouble(torch::jit::Module& m, const std::string& name, double value)
{
    m.register_attribute(name, c10::FloatType::get(), value);
}

void addInt(torch::jit::Module& m, const std::string& name, int64_t value)
{
    m.register_attribute(name, c10::IntType::get(), value);
}

// The forest's flat arrays as buffers, indexed by position 2 x node (kForestSource): feature,
// split and path length at both positions of a node, children as positions. A leaf reads
// feature 0, which its own-child links make harmless.
void registerForest(torch::jit::Module& m, const FlatForest& flat)
{
    const size_t n = flat.feature.size();
    std::vector<int32_t> feature(2 * n), child(2 * n), roots(flat.roots);
    std::vector<float> split(2 * n);
    std::vector<double> path(2 * n);
    for (size_t i = 0; i < n; ++i)
        for (size_t side = 0; side < 2; ++side) {
            feature[2 * i + side] = std::max(0, flat.feature[i]);
            split[2 * i + side] = flat.split[i];
            path[2 * i + side] = flat.pathLength[i];
            child[2 * i + side] = 2 * (side == 0 ? flat.left[i] : flat.right[i]);
        }
    for (int32_t& root : roots)
        root *= 2;
    m.register_buffer("forest_roots", longTensor(roots));
    m.register_buffer("forest_feature", longTensor(feature));
    m.register_buffer("forest_split", floatTensor(split));
    m.register_buffer("forest_child", longTensor(child));
    m.register_buffer("forest_path", torch::tensor(at::ArrayRef<double>(path), torch::kDouble));
    addInt(m, "forest_depth", flat.maxDepth);
    addInt(m, "forest_block_rows", kForestBlockRows);
    addDouble(m, "forest_normaliser", flat.normaliser);
}

// The head's weights as a [1, k] weight and [1] bias, the layout of nn::Linear.
void registerHead(torch::jit::Module& m, const UaiHead* head, bool trained, int64_t inputs)
{
    at::Tensor weight = torch::zeros({1, inputs}), bias = torch::zeros({1});
    if (head && trained) {
        const std::vector<double> w = head->weights();
        weight = torch::tensor(at::ArrayRef<double>(w), torch::kDouble)
                     .to(torch::kFloat)
                     .reshape({1, -1});
        bias.fill_(head->bias());
    }
    m.register_parameter("head_weight", weight, false);
    m.register_parameter("head_bias", bias, false);
    m.register_attribute("has_head", c10::BoolType::get(), head != nullptr && trained);
}

// The head's view of the row: the leading principal components, or x itself (identity axes).
void registerHeadRows(torch::jit::Module& m, const DetectorInternals& in, int64_t inputDim)
{
    const bool projected = in.headAxes && in.headAxes->defined();
    m.register_buffer("head_mean",
        projected ? in.headMean->to(torch::kCPU).clone() : torch::zeros({1, inputDim}));
    m.register_buffer(
        "head_axes", projected ? in.headAxes->to(torch::kCPU).clone() : torch::eye(inputDim));
    m.register_buffer(
        "head_scale", projected ? in.headScale->to(torch::kCPU).clone() : torch::ones({1, 1}));
}

std::string outputsSource(const DetectorInternals& in, int64_t headFeatures)
{
    const std::string base = in.logScale
        ? "(torch.log(score + self.log_offset) - self.score_mean) / self.score_std"
        : "(score - self.score_mean) / self.score_std";
    std::string standardised = in.forest ? "torch.stack([" + base
            + ", (self.forest_score(x) - self.forest_mean) / self.forest_std], 1)"
                                         : "(" + base + ").unsqueeze(1)";
    std::string headInput = headFeatures > 0
        ? "torch.cat([latent, self.head_rows(x), standardised], 1)"
        : "torch.cat([latent, standardised], 1)";
    std::string src = replaced(kOutputsSource, "{STANDARDISED}", standardised);
    src = replaced(src, "{PRIOR}", in.forest ? "standardised.mv(self.prior_weights)" : "score");
    return replaced(src, "{HEAD_INPUT}", headInput);
}

// Copies t (float32, contiguous or not) to out[offset...].
void copyInto(const at::Tensor& t, std::vector<float>& out, int64_t offset)
{
    at::Tensor c = t.contiguous();
    std::copy(c.data_ptr<float>(), c.data_ptr<float>() + c.numel(), out.data() + offset);
}

} // namespace

struct ScriptedModel::Impl {
    torch::jit::Module module {c10::QualifiedName("__torch__.fairreview.ExportedModel")};
    int64_t inputDim = 0;
    int64_t latentDim = 0;
    bool hasProbability = false;
    bool hasForest = false;
    int forestTrees = 0;
    int forestDepth = 0;

    // Registers the net's parameters and compiles encode/decode from them.
    Status addNetwork(AutoencoderNet& net)
    {
        const auto named = net.namedParameters();
        auto encoder = linearLayers(named, "encoder");
        auto decoder = linearLayers(named, "decoder");
        if (!encoder.ok() || !decoder.ok())
            return Status::failure(encoder.ok() ? decoder.error() : encoder.error());
        for (const auto& [path, tensor] : named)
            module.register_parameter(
                attributeName(path), tensor.detach().to(torch::kCPU).clone(), false);
        inputDim = named.front().second.size(1);
        latentDim = net.latentDim();
        module.define(stackSource("encode", encoder.value()));
        module.define(stackSource("decode", decoder.value()));
        return Status::success();
    }

    // Rows [from, to) through outputs(), into out at the same rows.
    void runBatch(
        const float* rows, int64_t from, int64_t to, ScriptedOutput& out, bool withLatent) const
    {
        at::Tensor x = torch::from_blob(
            const_cast<float*>(rows + from * inputDim), {to - from, inputDim}, torch::kFloat);
        auto method = module.get_method("outputs");
        const std::vector<c10::IValue> e = method({x}).toTuple()->elements().vec();
        copyInto(e[0].toTensor(), out.score, from);
        copyInto(e[1].toTensor(), out.prior, from);
        copyInto(e[2].toTensor(), out.logit, from);
        copyInto(e[3].toTensor(), out.probability, from);
        if (withLatent)
            copyInto(e[4].toTensor(), out.latent, from * latentDim);
    }

    void addScoring(const DetectorInternals& in)
    {
        addDouble(module, "log_offset", in.logOffset);
        addDouble(module, "score_mean", in.scoreMean);
        addDouble(module, "score_std", in.scoreStd);
        addDouble(module, "forest_mean", in.forestMean);
        addDouble(module, "forest_std", in.forestStd);
        module.register_buffer("prior_weights", floatTensor(in.priorWeights));
        if (in.forest) {
            const FlatForest flat = in.forest->flattened();
            registerForest(module, flat);
            module.define(kForestSource);
            forestTrees = static_cast<int>(flat.roots.size());
            forestDepth = flat.maxDepth;
        }
        const int64_t headFeatures = in.head ? in.head->featureDim() : 0;
        const int64_t scores = in.forest ? 2 : 1;
        registerHead(module, in.head, in.headTrained, latentDim + headFeatures + scores);
        registerHeadRows(module, in, inputDim);
        module.define(outputsSource(in, headFeatures));
        hasProbability = in.head && in.headTrained;
        hasForest = in.forest != nullptr;
    }
};

ScriptedModel::ScriptedModel()
    : d(std::make_unique<Impl>())
{ }
ScriptedModel::~ScriptedModel() = default;

Result<std::unique_ptr<ScriptedModel>> ScriptedModel::fromDetector(const Detector& detector)
{
    using R = Result<std::unique_ptr<ScriptedModel>>;
    return callGuarded("exporting the model", [&]() -> R {
        torch::NoGradGuard noGrad;
        const DetectorInternals in = detector.internals();
        if (in.calibratesByGroup)
            return R::failure("model " + modelKindName(detector.options().kind)
                + " calibrates its scores by group over the whole data set (ALGORITHMS.md "
                  "§2.3), so a row cannot be scored alone; export another model kind");
        std::unique_ptr<ScriptedModel> model(new ScriptedModel());
        if (Status net = model->d->addNetwork(*in.net); !net.ok())
            return net;
        model->d->addScoring(in);
        model->d->module.eval();
        return model;
    });
}

int64_t ScriptedModel::batchRows()
{
    return kRunBatchRows;
}

int64_t ScriptedModel::inputDim() const
{
    return d->inputDim;
}
int64_t ScriptedModel::latentDim() const
{
    return d->latentDim;
}
bool ScriptedModel::hasProbability() const
{
    return d->hasProbability;
}
bool ScriptedModel::hasForest() const
{
    return d->hasForest;
}
int ScriptedModel::forestTrees() const
{
    return d->forestTrees;
}
int ScriptedModel::forestDepth() const
{
    return d->forestDepth;
}

Status ScriptedModel::run(const float* rows, int64_t n, ScriptedOutput& out, bool withLatent) const
{
    return callGuarded("scoring with the exported model", [&] {
        for (std::vector<float>* v : {&out.score, &out.prior, &out.logit, &out.probability})
            v->resize(static_cast<size_t>(n));
        out.latent.resize(withLatent ? static_cast<size_t>(n * d->latentDim) : 0);
        const int64_t batches = (n + kRunBatchRows - 1) / kRunBatchRows;
        // Batches in parallel on torch's intra-op pool, each one single-threaded inside.
        at::parallel_for(0, batches, 1, [&](int64_t begin, int64_t end) {
            torch::NoGradGuard noGrad; // grad mode is per thread
            for (int64_t b = begin; b < end; ++b)
                d->runBatch(
                    rows, b * kRunBatchRows, std::min(n, (b + 1) * kRunBatchRows), out, withLatent);
        });
        return Status::success();
    });
}

Status ScriptedModel::save(const std::string& path) const
{
    return callGuarded("writing " + path, [&] {
        d->module.save(path);
        return Status::success();
    });
}

} // namespace fr::models
