import Testing
@testable import FormPipe

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
