// How numbers read everywhere in the GUI: three decimals, thousands separated, "–" for missing.
#pragma once

#include <QString>

#include <cstdint>

namespace fr::ui {

QString formatValue(double value); // 0.973; 1.2e-05 for tiny values; "–" for NaN
QString formatProbability(double p); // 0.912; "<0.001" rather than 1.5e-06; "–" for NaN
QString formatCount(int64_t count); // 1,288
QString formatInterval(double low, double high); // [0.380, 0.460]

} // namespace fr::ui
