// Command-line arguments of fairreview-cli: "--name value" options and bare "--flag"s.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fr::cli {

class CliArgs {
public:
    // argv[first..] are parsed; a token "--x" followed by a token not starting with "--" is an
    // option with a value, otherwise a flag.
    CliArgs(int argc, char** argv, int first);
    explicit CliArgs(const std::vector<std::string>& tokens); // the same rules, e.g. a suite line

    bool has(const std::string& name) const { return mValues.count(name) > 0; }
    std::optional<std::string> get(const std::string& name) const;
    std::string get(const std::string& name, const std::string& fallback) const;
    // Throws std::invalid_argument naming the option when it is missing or not a number.
    std::string required(const std::string& name) const;
    long long integer(const std::string& name, long long fallback) const;
    double number(const std::string& name, double fallback) const;
    const std::vector<std::string>& positional() const { return mPositional; }
    // Options given but never read: reported so that a typo is not silently ignored.
    std::vector<std::string> unread() const;

private:
    std::map<std::string, std::string> mValues;
    std::vector<std::string> mPositional;
    mutable std::map<std::string, bool> mRead;
};

} // namespace fr::cli
