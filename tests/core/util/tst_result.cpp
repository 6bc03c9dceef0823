// Tests for Status and Result: the error code travels with the message through every conversion,
// so that a caller can tell a cancellation from a failure without comparing strings.
#include "util/result.h"

#include <QtTest>

using namespace fr;

class TestResult : public QObject {
    Q_OBJECT
private slots:
    void successHasNoCode()
    {
        const Status s = Status::success();
        QVERIFY(s.ok());
        QCOMPARE(int(s.code()), int(ErrorCode::None));
        QVERIFY(s.error().empty());
        QVERIFY(s.withContext("round 2: ").ok());
    }

    void failureCodes_data()
    {
        QTest::addColumn<int>("given");
        QTest::addColumn<int>("expected");
        QTest::newRow("default") << -1 << int(ErrorCode::Failed);
        QTest::newRow("none is taken as failed") << int(ErrorCode::None) << int(ErrorCode::Failed);
        QTest::newRow("cancelled") << int(ErrorCode::Cancelled) << int(ErrorCode::Cancelled);
        QTest::newRow("diverged") << int(ErrorCode::Diverged) << int(ErrorCode::Diverged);
    }
    void failureCodes()
    {
        QFETCH(int, given);
        QFETCH(int, expected);
        const Status s = given < 0 ? Status::failure("it broke")
                                   : Status::failure("it broke", static_cast<ErrorCode>(given));
        QVERIFY(!s.ok());
        QCOMPARE(int(s.code()), expected);
        QCOMPARE(s.isCancelled(), expected == int(ErrorCode::Cancelled));
    }

    void cancelledIsACode()
    {
        const Status s = Status::cancelled();
        QVERIFY(!s.ok());
        QVERIFY(s.isCancelled());
        QVERIFY(!Status::failure("cancelled").isCancelled()); // the message alone means nothing
    }

    void contextKeepsTheCode()
    {
        const Status s = Status::cancelled().withContext("round 3: ");
        QVERIFY(s.isCancelled());
        QCOMPARE(QString::fromStdString(s.error()), QString("round 3: cancelled"));
    }

    void resultCarriesTheCode()
    {
        Result<int> fromStatus = Status::failure("diverged", ErrorCode::Diverged);
        QVERIFY(!fromStatus.ok());
        QCOMPARE(int(fromStatus.code()), int(ErrorCode::Diverged));
        QCOMPARE(int(fromStatus.status().code()), int(ErrorCode::Diverged));
        QCOMPARE(QString::fromStdString(fromStatus.status().error()), QString("diverged"));
        Result<int> cancelled = Result<int>::failure("stop", ErrorCode::Cancelled);
        QVERIFY(cancelled.isCancelled());
        Result<int> value = 4;
        QVERIFY(value.ok());
        QCOMPARE(int(value.code()), int(ErrorCode::None));
        QVERIFY(value.status().ok());
        QCOMPARE(value.value(), 4);
    }

    void misuseThrows()
    {
        QVERIFY_THROWS_EXCEPTION(std::logic_error, (void)Result<int>(Status::success()));
        const Result<int> failed = Result<int>::failure("no value");
        QVERIFY_THROWS_EXCEPTION(std::logic_error, (void)failed.value());
    }
};

QTEST_GUILESS_MAIN(TestResult)
#include "tst_result.moc"
