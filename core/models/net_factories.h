// The factories behind makeAutoencoderNet (autoencoder_factory.cpp): one per family of base
// detector, each implemented next to its network (dae_net.cpp, plain_ae_net.cpp, fadig_net.cpp,
// aa_bigan_net.cpp, deep_sad_net.cpp). Tensors stay forward-declared, as in autoencoder_net.h.
#pragma once

#include "models/autoencoder_net.h"
#include "models/model_options.h"

#include <memory>

namespace fr::models {

// ALGORITHMS.md §2.1: the DAE base of the UaiNet (ModelKind::Dae and ModelKind::UaiNet).
std::unique_ptr<AutoencoderNet> makeDaeNet(const NetShape& shape);
// The plain unweighted autoencoder baseline (ModelKind::Ae).
std::unique_ptr<AutoencoderNet> makePlainAeNet(const NetShape& shape);
// FADIG and its ablations, ALGORITHMS.md §2.2: kind is Fadig, FadigNoEps, FadigNoFac or FadigUai
// (whose base is the full FADIG).
std::unique_ptr<AutoencoderNet> makeFadigNet(ModelKind kind, const NetShape& shape);
// ALGORITHMS.md §7: AA-BiGAN (ModelKind::AaBigan and AaBiganUai's base) and Deep SAD.
std::unique_ptr<AutoencoderNet> makeAaBiganNet(const NetShape& shape);
std::unique_ptr<AutoencoderNet> makeDeepSadNet(const NetShape& shape);

} // namespace fr::models
