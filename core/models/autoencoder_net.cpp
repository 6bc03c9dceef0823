// The defaults of AutoencoderNet: encodeAndScore, namedParameters (autoencoder_net.h).
#include "models/autoencoder_net.h"

#include <torch/torch.h>

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

} // namespace fr::models
