// How one CSV cell reads: missing ("", NA, N/A, NaN, NULL), a finite number, a number too large
// for a double or infinite (an error in a numeric column), or text.
#pragma once

#include <string>
#include <string_view>

namespace fr {

enum class CellKind { Missing, Number, NotFinite, Text };

bool isMissingToken(std::string_view text);

// Missing as parseCell sees it: the tokens above and every NaN spelling ("NAN", "-nan").
bool isMissingCell(std::string_view text);

// value is set for Number only.
CellKind parseCell(std::string_view text, double& value);

// The text a number is shown and compared as ("1", "0.5", "1e+20"): 1 and 1.0 are one category.
std::string canonicalNumber(double value);

} // namespace fr
