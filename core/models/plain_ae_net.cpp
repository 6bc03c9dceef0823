// The plain unweighted autoencoder (ALGORITHMS.md §2.2, ablation baseline): FADIG's network with
// the adaptive ε, L_FAC and the group-stratified batches switched off, so that a comparison with
// FADIG measures exactly what those parts add.
#include "models/fadig_net.h"
#include "models/net_factories.h"

namespace fr::models {

std::unique_ptr<AutoencoderNet> makePlainAeNet(const NetShape& shape)
{
    return makeFadigFamilyNet(fadigConfigFor(ModelKind::Ae), shape);
}

} // namespace fr::models
