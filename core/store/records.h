// The facts a project file keeps, as plain values shared by the review session and the store.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fr {

enum class LabelValue : int8_t { Normal = 0, Anomaly = 1 };

// One analyst decision with the context it was made in (the audit trail).
struct LabelRecord {
    int64_t id = 0; // assigned by the store; 0 before it is stored
    int64_t row = 0; // index into the Dataset
    std::string rowId; // the data set's own id of that row
    LabelValue label = LabelValue::Normal;
    std::string note;
    std::string analyst;
    int64_t timeUtcMs = 0; // milliseconds since the Unix epoch, UTC
    int64_t modelVersion = 0; // the model whose ranking the analyst was looking at
    double score = 0.0; // the row's score under that model
    int64_t rank = 0; // 1-based rank under that model
    std::string
        strategy; // why it was in the batch: "cold-start-score", "head-probability", "manual"
    int round = 0; // labelling round (batch) number, 1-based
    bool undone = false;
    bool groupVisible = true; // the analyst could see the row's group (false under blind review)
    int64_t reviewMs
        = -1; // from the row shown to the label given; -1: not measured (CLI, simulate)
};

// A second analyst's label of a row someone else labelled first, made without seeing that label
// (second review). It never trains a model: it only measures agreement (Cohen's kappa).
struct SecondReviewRecord {
    int64_t id = 0; // assigned by the store; 0 before it is stored
    int64_t labelId = 0; // the first label (labels.id) this one reviews
    int64_t row = 0; // that label's row
    LabelValue label = LabelValue::Normal;
    std::string analyst; // the second analyst
    int64_t timeUtcMs = 0;
    bool groupVisible = true; // false under blind review
    int64_t reviewMs = -1; // from the row shown to the label given; -1: not measured
};

// A trained model as the project keeps it.
struct ModelVersionRecord {
    int64_t version = 0; // 1, 2, ... in training order
    std::string kind; // "uainet", "fadig-uai", ...
    std::string hyperParameters; // JSON object
    std::string device; // "cpu", "cuda"
    uint64_t seed = 0;
    std::string metrics; // JSON object
    int64_t labelsUsed = 0;
    int64_t createdUtcMs = 0;
    std::vector<uint8_t> checkpoint; // model + optimiser state; may be empty
};

// Per-group figures after one labelling round, for the "recall over rounds" chart.
struct GroupRoundFigures {
    std::string group;
    int64_t labelsSpent = 0;
    int64_t found = 0; // labelled anomalies
    double recallAtK = -1.0; // with ground truth, else -1
};

struct RoundRecord {
    int round = 0;
    int64_t modelVersion = 0;
    int64_t labelsSpent = 0;
    int64_t found = 0;
    std::vector<GroupRoundFigures> groups;
};

} // namespace fr
