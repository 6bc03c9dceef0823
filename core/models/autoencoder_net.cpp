// The default encodeAndScore of AutoencoderNet (autoencoder_net.h).
#include "models/autoencoder_net.h"

#include <torch/torch.h>

namespace fr::models {

void AutoencoderNet::encodeAndScore(const at::Tensor& x, at::Tensor& latent, at::Tensor& score)
{
    latent = encode(x);
    score = this->score(x);
}

} // namespace fr::models
