// What the window tests share: the bundled demo as an open request with real but short training,
// and how long a test waits for a training to end.
#pragma once

#include "demo_setup.h"

#include <QString>

namespace fr::test {

constexpr int kTrainingWaitMs = 240000;

// The demo (data/), a fresh project at projectPath, model seed 7 and pretrainSteps of real
// pre-training (shorter than the default, to stay fast).
inline ui::OpenRequest demoTestRequest(const QString& projectPath, int pretrainSteps)
{
    ui::OpenRequest request
        = ui::demoRequest(QStringLiteral(FAIRREVIEW_SOURCE_DIR "/data"), projectPath, true);
    request.session.model.pretrainSteps = pretrainSteps;
    request.session.model.seed = 7;
    return request;
}

} // namespace fr::test
