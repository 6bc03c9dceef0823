// Shared by the store tests: a small hand-built data set with its CSV file on disk, so that the
// project store is tested without the CSV loader.
#pragma once

#include "data/column_mapping.h"
#include "data/dataset.h"
#include "store/dataset_reference.h"
#include "store/project_store.h"

#include <QtTest>

#include <cstdio>
#include <fstream>
#include <random>
#include <string>

namespace fr::test {

struct StoreFixture {
    std::string csvPath;
    Dataset dataset;
    DatasetReference reference;
    ColumnMapping mapping;
};

// Rows "r1".."rN" with a numeric column, a group column (race) and a free-text column. Row i's
// race is "Black" for odd i; `firstRace` replaces row 0's race (e.g. to test a value that starts
// with '=').
inline StoreFixture writeFixture(
    const QString& folder, int64_t rows, uint32_t seed = 7, const std::string& firstRace = "White")
{
    StoreFixture f;
    f.csvPath = (folder + "/data.csv").toStdString();
    std::mt19937 random(seed);
    std::ofstream out(f.csvPath, std::ios::binary);
    out << "id,age,race,comment\n";
    f.dataset.groupNames = {"White", "Black"};
    if (firstRace != "White")
        f.dataset.groupNames.push_back(firstRace);
    f.dataset.matrix.rows = rows;
    f.dataset.matrix.cols = 1;
    for (int64_t i = 0; i < rows; ++i) {
        int age = 18 + int(random() % 60);
        int group = i == 0 && firstRace != "White" ? 2 : int(i % 2);
        f.dataset.ids.push_back("r" + std::to_string(i + 1));
        f.dataset.groups.push_back(group);
        f.dataset.matrix.values.push_back(float(age));
        out << "r" << i + 1 << "," << age << "," << f.dataset.groupNames[group]
            << ",\"says \"\"hi\"\", twice\"\n";
    }
    out.close();
    f.dataset.source = f.csvPath;
    f.dataset.protectedGroup = 1;
    f.mapping.idColumn = "id";
    f.mapping.groupColumn = "race";
    f.mapping.protectedValue = "Black";
    f.mapping.roles["comment"] = ColumnRole::Ignore;
    auto reference = describeDataFile(f.csvPath);
    if (!reference.ok())
        qFatal("%s", reference.error().c_str());
    f.reference = reference.take();
    return f;
}

inline LabelRecord makeLabel(int64_t row, LabelValue value, int64_t modelVersion, int round)
{
    LabelRecord l;
    l.row = row;
    l.label = value;
    l.note = "note " + std::to_string(row);
    l.analyst = "ada";
    l.timeUtcMs = 1700000000000 + row;
    l.modelVersion = modelVersion;
    l.score = 0.5 + row * 1e-6;
    l.rank = row + 1;
    l.strategy = "cold-start-score";
    l.round = round;
    return l;
}

inline std::string fileBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

} // namespace fr::test
