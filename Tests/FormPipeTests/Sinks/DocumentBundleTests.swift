import Foundation
import Testing
@testable import FormPipeSinks


/// The pieces of a sink bundle that formpipe builds itself rather than splices.
struct DocumentBundleTests {
    @Test func logLinesAreSplitOnNewlinesAndBlankLinesDropped() {
        let log = "{\"id\":\"r1\",\"after\":\"执行率\"}\n \t\n{\"id\":\"r2\"}\r\n\n{\"id\":\"r3\"}"
        #expect(DocumentBundle.jsonLines(log).map(String.init) == ["{\"id\":\"r1\",\"after\":\"执行率\"}", "{\"id\":\"r2\"}\r", "{\"id\":\"r3\"}"])
        #expect(DocumentBundle.jsonLines("").isEmpty)
        #expect(DocumentBundle.jsonLines("\n\n").isEmpty)
    }

    @Test func convertedAtIsWrittenAsISO8601DateFormatterWritesIt() {
        for seconds: Int64 in [0, 1_765_100_000, 1_796_601_599, 951_782_400] {
            let expected = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(seconds)))
            #expect(DocumentBundle.utcTimestamp(nanoseconds: seconds * 1_000_000_000 + 999_999_999) == expected)
        }
    }
}
