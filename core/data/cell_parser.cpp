#include "data/cell_parser.h"

#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace fr {

namespace {

constexpr std::array<std::string_view, 7> kMissingTokens
    = {"", "NA", "N/A", "NaN", "nan", "NULL", "null"};

// from_chars reports underflow (1e-400) and overflow (1e400) alike; strtod tells them apart.
CellKind classifyOutOfRange(std::string_view text, double& value)
{
    std::string copy(text);
    errno = 0;
    double parsed = std::strtod(copy.c_str(), nullptr);
    if (std::isinf(parsed))
        return CellKind::NotFinite;
    value = parsed;
    return CellKind::Number;
}

} // namespace

bool isMissingToken(std::string_view text)
{
    for (std::string_view token : kMissingTokens) {
        if (text == token)
            return true;
    }
    return false;
}

bool isMissingCell(std::string_view text)
{
    double ignored;
    return parseCell(text, ignored) == CellKind::Missing;
}

CellKind parseCell(std::string_view text, double& value)
{
    if (isMissingToken(text))
        return CellKind::Missing;
    const char* first = text.data();
    const char* last = first + text.size();
    if (*first == '+' && text.size() > 1 && first[1] != '-' && first[1] != '+')
        ++first;
    double parsed = 0.0;
    auto [end, error] = std::from_chars(first, last, parsed);
    if (end != last || (error != std::errc() && error != std::errc::result_out_of_range))
        return CellKind::Text;
    if (error == std::errc::result_out_of_range)
        return classifyOutOfRange(text, value);
    if (std::isnan(parsed))
        return CellKind::Missing;
    if (std::isinf(parsed))
        return CellKind::NotFinite;
    value = parsed;
    return CellKind::Number;
}

std::string canonicalNumber(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.15g", value);
    return text;
}

} // namespace fr
