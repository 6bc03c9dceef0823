// makeAutoencoderNet: which network each ModelKind is built on (net_factories.h).
#include "models/autoencoder_net.h"
#include "models/net_factories.h"

namespace fr::models {

std::unique_ptr<AutoencoderNet> makeAutoencoderNet(ModelKind kind, const NetShape& shape)
{
    switch (kind) {
    case ModelKind::Active:
    case ModelKind::UaiNet:
    case ModelKind::Dae:
        return makeDaeNet(shape);
    case ModelKind::Ae:
    case ModelKind::Fair: // the plain AE; the group calibration follows its scoring (§2.3)
    case ModelKind::FairUai:
        return makePlainAeNet(shape);
    case ModelKind::FadigUai:
    case ModelKind::Fadig:
    case ModelKind::FadigNoEps:
    case ModelKind::FadigNoFac:
        return makeFadigNet(kind, shape);
    case ModelKind::AaBigan:
    case ModelKind::AaBiganUai:
        return makeAaBiganNet(shape);
    case ModelKind::DeepSad:
        return makeDeepSadNet(shape);
    case ModelKind::IsolationForest:
        return nullptr; // not an autoencoder: evaluate fits it directly
    }
    return nullptr;
}

} // namespace fr::models
