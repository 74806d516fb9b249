import Testing
@testable import FormPipeCore

struct PrintedNumberTests {
    @Test(arguments: [
        ("587.049060", "587.049060"), ("100%", "100"), ("４８", "48"), (" 10 ", "10"), ("0", "0"), ("007", "7"),
    ])
    func parsesPrintedDigits(text: String, literal: String) {
        #expect(PrintedNumber(parsing: text)?.literal == literal)
    }

    @Test(arguments: ["—", "", "约5", "5万元", ".5", "1.2.3"])
    func rejectsNonNumbers(text: String) {
        #expect(PrintedNumber(parsing: text) == nil)
    }
}

/// Regressions from the fuzzers (Tests/Fuzz/*/crashers): every literal a `PrintedNumber` keeps
/// is a JSON number, or the record formpipe writes cannot be read back.
struct PrintedNumberLiteralTests {
    @Test(arguments: [
        ("-00", "-0"), ("-007.5", "-7.5"), ("00.5", "0.5"), ("-0.39", "-0.39"), ("1e+15", "1e+15"), ("2.5E-3", "2.5e-3"),
    ])
    func mendsLeadingZeros(text: String, literal: String) throws {
        let number = try #require(PrintedNumber(literal: text))
        #expect(number.literal == literal)
        #expect(try JSONValueParser.parse(number.literal) == .number(literal))
    }

    @Test(arguments: ["-.39", "-.66", "-", "5.", "-5.", ".", "--1", "1-2", "+5", "0x1p3", "inf", "nan", "1e", "1e+", "1.2.3"])
    func refusesWhatJSONCannotRead(text: String) {
        #expect(PrintedNumber(literal: text) == nil)
        #expect(PrintedNumber(parsing: text) == nil)
    }
}
