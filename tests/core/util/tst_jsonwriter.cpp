// Tests for JsonWriter: nesting, escaping, and non-finite numbers.
#include "util/json_writer.h"

#include <QtTest>
#include <cmath>

class TestJsonWriter : public QObject {
    Q_OBJECT
private slots:
    void writesNestedCompactJson()
    {
        fr::JsonWriter w(false);
        w.beginObject()
            .field("rows", 3)
            .key("per_group")
            .beginObject()
            .field("Black", 0.5)
            .endObject();
        w.key("curve").numberArray(std::vector<int64_t> {1, 2}).field("ok", true).endObject();
        QCOMPARE(QString::fromStdString(w.str()),
            QString(R"({"rows":3,"per_group":{"Black":0.5},"curve":[1,2],"ok":true})"));
    }
    void escapesControlCharactersAndQuotes()
    {
        QCOMPARE(QString::fromStdString(fr::JsonWriter::escape("a\"b\\c\n\x01")),
            QString(R"(a\"b\\c\n\u0001)"));
    }
    void insertsStoredJsonAsIs()
    {
        fr::JsonWriter w(false);
        w.beginObject().key("metrics").rawValue(R"({"auc":0.5})").key("none").rawValue("");
        w.endObject();
        QCOMPARE(
            QString::fromStdString(w.str()), QString(R"({"metrics":{"auc":0.5},"none":null})"));
    }
    void writesNonFiniteAsNull()
    {
        fr::JsonWriter w(false);
        w.beginArray().value(std::nan("")).value(INFINITY).endArray();
        QCOMPARE(QString::fromStdString(w.str()), QString("[null,null]"));
    }
};

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
