#include "cli_args.h"

#include <algorithm>
#include <stdexcept>

namespace fr::cli {

CliArgs::CliArgs(int argc, char** argv, int first)
    : CliArgs(std::vector<std::string>(argv + std::min(first, argc), argv + argc))
{ }

CliArgs::CliArgs(const std::vector<std::string>& tokens)
{
    for (size_t i = 0; i < tokens.size(); ++i) {
        const std::string& token = tokens[i];
        if (token.rfind("--", 0) != 0) {
            mPositional.push_back(token);
            continue;
        }
        const bool hasValue = i + 1 < tokens.size() && tokens[i + 1].rfind("--", 0) != 0;
        mValues[token.substr(2)] = hasValue ? tokens[++i] : "";
    }
}

std::optional<std::string> CliArgs::get(const std::string& name) const
{
    auto it = mValues.find(name);
    if (it == mValues.end())
        return std::nullopt;
    mRead[name] = true;
    return it->second;
}

std::string CliArgs::get(const std::string& name, const std::string& fallback) const
{
    return get(name).value_or(fallback);
}

std::string CliArgs::required(const std::string& name) const
{
    auto v = get(name);
    if (!v || v->empty())
        throw std::invalid_argument("missing required option --" + name);
    return *v;
}

long long CliArgs::integer(const std::string& name, long long fallback) const
{
    auto v = get(name);
    if (!v)
        return fallback;
    try {
        size_t used = 0;
        long long n = std::stoll(*v, &used);
        if (used == v->size())
            return n;
    } catch (const std::exception&) { }
    throw std::invalid_argument("--" + name + " expects a whole number, got '" + *v + "'");
}

double CliArgs::number(const std::string& name, double fallback) const
{
    auto v = get(name);
    if (!v)
        return fallback;
    try {
        size_t used = 0;
        double n = std::stod(*v, &used);
        if (used == v->size())
            return n;
    } catch (const std::exception&) { }
    throw std::invalid_argument("--" + name + " expects a number, got '" + *v + "'");
}

std::vector<std::string> CliArgs::unread() const
{
    std::vector<std::string> names;
    for (const auto& [name, value] : mValues)
        if (!mRead.count(name))
            names.push_back("--" + name);
    return names;
}

} // namespace fr::cli
