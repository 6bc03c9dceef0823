// A small streaming JSON writer for the CLI's reports and the exports (no dependency beyond the
// STL).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fr {

class JsonWriter {
public:
    explicit JsonWriter(bool pretty = true)
        : mPretty(pretty)
    { }

    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(const std::string& name);

    JsonWriter& value(const std::string& text);
    JsonWriter& value(const char* text) { return value(std::string(text)); }
    JsonWriter& value(double number); // NaN and infinities are written as null
    JsonWriter& value(int64_t number);
    JsonWriter& value(int number) { return value(static_cast<int64_t>(number)); }
    JsonWriter& value(bool flag);
    JsonWriter& null();
    // Inserts text that is already JSON (a stored object); empty text is written as null.
    JsonWriter& rawValue(const std::string& json);

    template <typename T> JsonWriter& field(const std::string& name, const T& v)
    {
        return key(name).value(v);
    }
    JsonWriter& numberArray(const std::vector<double>& numbers);
    JsonWriter& numberArray(const std::vector<int64_t>& numbers);

    const std::string& str() const { return mOut; }
    static std::string escape(const std::string& text);

private:
    void beforeValue();
    JsonWriter& closeContainer(char bracket);
    void newline();

    std::string mOut;
    std::vector<bool> mHasItems; // one per open container
    bool mAfterKey = false;
    bool mPretty;
};

} // namespace fr
