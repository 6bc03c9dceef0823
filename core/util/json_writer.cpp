#include "util/json_writer.h"

#include <cmath>
#include <cstdio>

namespace fr {

std::string JsonWriter::escape(const std::string& text)
{
    std::string out;
    out.reserve(text.size() + 2);
    for (unsigned char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out;
}

void JsonWriter::newline()
{
    if (!mPretty)
        return;
    mOut += '\n';
    mOut.append(mHasItems.size() * 2, ' ');
}

void JsonWriter::beforeValue()
{
    if (mAfterKey) {
        mAfterKey = false;
        return;
    }
    if (mHasItems.empty())
        return;
    if (mHasItems.back())
        mOut += ',';
    mHasItems.back() = true;
    newline();
}

JsonWriter& JsonWriter::beginObject()
{
    beforeValue();
    mOut += '{';
    mHasItems.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::closeContainer(char bracket)
{
    bool had = mHasItems.back();
    mHasItems.pop_back();
    if (had)
        newline();
    mOut += bracket;
    return *this;
}

JsonWriter& JsonWriter::endObject()
{
    return closeContainer('}');
}

JsonWriter& JsonWriter::beginArray()
{
    beforeValue();
    mOut += '[';
    mHasItems.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::endArray()
{
    return closeContainer(']');
}

JsonWriter& JsonWriter::key(const std::string& name)
{
    beforeValue();
    mOut += '"' + escape(name) + (mPretty ? "\": " : "\":");
    mAfterKey = true;
    return *this;
}

JsonWriter& JsonWriter::value(const std::string& text)
{
    beforeValue();
    mOut += '"' + escape(text) + '"';
    return *this;
}

JsonWriter& JsonWriter::value(double number)
{
    if (!std::isfinite(number))
        return null();
    beforeValue();
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", number);
    mOut += buf;
    return *this;
}

JsonWriter& JsonWriter::value(int64_t number)
{
    beforeValue();
    mOut += std::to_string(number);
    return *this;
}

JsonWriter& JsonWriter::value(bool flag)
{
    beforeValue();
    mOut += flag ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null()
{
    beforeValue();
    mOut += "null";
    return *this;
}

JsonWriter& JsonWriter::rawValue(const std::string& json)
{
    if (json.empty())
        return null();
    beforeValue();
    mOut += json;
    return *this;
}

JsonWriter& JsonWriter::numberArray(const std::vector<double>& numbers)
{
    bool pretty = mPretty;
    beginArray();
    mPretty = false;
    for (double n : numbers)
        value(n);
    endArray();
    mPretty = pretty;
    return *this;
}

JsonWriter& JsonWriter::numberArray(const std::vector<int64_t>& numbers)
{
    bool pretty = mPretty;
    beginArray();
    mPretty = false;
    for (int64_t n : numbers)
        value(n);
    endArray();
    mPretty = pretty;
    return *this;
}

} // namespace fr
