// The FADIG family's knobs (ALGORITHMS.md §2.2), so that FADIG, its ablations and the plain AE
// baseline are one network with parts switched off: the comparison then measures the parts alone.
#pragma once

#include "models/autoencoder_net.h"
#include "models/fadig_losses.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace fr::models {

struct FadigConfig {
    bool adaptiveEpsilon = true; // off: every row weighs the same (FADIG without ε, plain AE)
    bool contrastive = true; // off: no L_FAC (FADIG without L_FAC, plain AE)
    bool groupStratifiedBatches = true; // every mini-batch holds every group
    fadig::Reduction reduction = fadig::Reduction::RowMean;
    double alpha = 4.0; // weight of L_FAC, ALGORITHMS.md §2.2
    double tau = 1.0; // temperature of sim(a, b), ALGORITHMS.md §2.2
};

// The configuration of each ModelKind of the family (Ae: everything off, batches not stratified).
FadigConfig fadigConfigFor(ModelKind kind);

// Network size rule of ALGORITHMS.md §2.2: hidden layers of the encoder (the decoder mirrors them)
// and the latent size for a data set of this shape.
struct FadigLayout {
    std::vector<int64_t> hidden;
    int64_t latent = 0;
};
FadigLayout fadigLayoutFor(const NetShape& shape);

std::unique_ptr<AutoencoderNet> makeFadigFamilyNet(
    const FadigConfig& config, const NetShape& shape);

} // namespace fr::models
