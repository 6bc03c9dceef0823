// The defaults of AutoencoderNet: encodeAndScore, namedParameters, prepareTraining, trainStep
// (autoencoder_net.h).
#include "models/autoencoder_net.h"

#include <torch/torch.h>

#include <stdexcept>

namespace fr::models {

void AutoencoderNet::encodeAndScore(const at::Tensor& x, at::Tensor& latent, at::Tensor& score)
{
    latent = encode(x);
    score = this->score(x);
}

std::vector<std::pair<std::string, at::Tensor>> AutoencoderNet::namedParameters()
{
    return {};
}

void AutoencoderNet::prepareTraining(const at::Tensor&, const at::Tensor&, const at::Tensor&) { }

double AutoencoderNet::trainStep(const at::Tensor&, const at::Tensor&, const at::Tensor&)
{
    throw std::logic_error("this network is trained through its loss, not by its own steps");
}

} // namespace fr::models
