// Read access to a Detector's parts for the TorchScript export (torchscript_export.h): the network,
// the head, the Isolation Forest and the constants the head standardises its inputs with. Tensors
// are forward-declared (torch_forward.h); only core/models .cpp files use this header.
#pragma once

#include "models/torch_forward.h"

#include <vector>

namespace fr::models {

class AutoencoderNet;
class IsolationForest;
class UaiHead;

struct DetectorInternals {
    AutoencoderNet* net = nullptr;
    const UaiHead* head = nullptr; // null for a kind without one
    bool headTrained = false; // scoreAll reports the head's probability only once it is
    const IsolationForest* forest = nullptr; // the product's prior (§8); null without one
    bool calibratesByGroup = false; // the fair detectors' scores depend on the whole data set
    // s~ of the base score: (log(score + logOffset) - scoreMean) / scoreStd with logScale, else
    // (score - scoreMean) / scoreStd; the forest's: (forest - forestMean) / forestStd.
    bool logScale = false;
    double logOffset = 0.0;
    double scoreMean = 0.0, scoreStd = 1.0;
    double forestMean = 0.0, forestStd = 1.0;
    std::vector<float> priorWeights; // the prior as weights on s~
    // The row as the head sees it: x itself when headAxes is undefined, else
    // ((x - headMean) mm headAxes) / headScale (leading principal components, §8).
    const at::Tensor* headMean = nullptr;
    const at::Tensor* headAxes = nullptr;
    const at::Tensor* headScale = nullptr;
};

} // namespace fr::models
