// What the analyst chose in the open wizard (or what --demo stands for): the data, its column
// roles, the model and the project file.
#pragma once

#include "active/review_session.h"
#include "data/column_mapping.h"
#include "data/dataset_loader.h"

#include <string>

namespace fr::ui {

struct OpenRequest {
    enum class Source { Csv, FashionMnist, Project };
    Source source = Source::Csv;
    std::string dataPath; // the CSV file
    ColumnMapping mapping;
    FashionMnistOptions fashion;
    SessionOptions session;
    // Created for Csv and FashionMnist unless it exists (then reopened); opened for Project.
    std::string projectPath;
    bool replaceProject
        = false; // start afresh: remove an existing file first (the screenshot demo)
};

} // namespace fr::ui
