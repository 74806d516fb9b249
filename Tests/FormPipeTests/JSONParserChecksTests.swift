import Testing

@testable import FormPipeCore

/// The one JSON parser's checks beyond the grammar, and where it says a problem is: what the
/// config loader relies on now that no second parser checks `pipeline.json`.
struct JSONParserChecksTests {
    @Test func duplicateKeysAreRefusedOnlyWhenAsked() throws {
        let text = "{\"a\": 1,\n  \"b\": {\"c\": 1, \"\\u0063\": 2}}"
        let value = try JSONValueParser.parse(text)
        #expect(value.compact() == #"{"a":1,"b":{"c":1,"c":2}}"#)
        #expect {
            _ = try JSONValueParser.parse(text, refusing: .duplicateKeys)
        } throws: { error in
            let error = error as? JSONValueParser.SyntaxError
            return error?.reason == "duplicate key 'c'" && error?.line == 2 && error?.column == 17 && error?.offset == 25
        }
    }

    @Test func bytesThatAreNotUTF8AreRefusedOnlyWhenAsked() throws {
        let bytes = Array("[\"中\",\n \"".utf8) + [0xFF] + Array("\"]".utf8)
        #expect(try JSONValueParser.parse(utf8: bytes) == .array([.string("中"), .string("\u{FFFD}")]))
        #expect {
            _ = try JSONValueParser.parse(utf8: bytes, refusing: .utf8)
        } throws: { error in
            "\(error)" == "line 2, column 3: byte 0xFF is not UTF-8: save the file as UTF-8"
        }
    }

    /// Columns count characters, as an editor shows them: 项目 is two columns, not six bytes.
    @Test(arguments: [
        ("{\"项目\": 1,}", 1, 10, "trailing comma before '}' or a key not in double quotes"),
        ("[1,\n  2,\n  ]", 3, 3, "trailing comma before ']'"),
        ("{\"a\": tru}", 1, 7, "expected true (JSON literals are lower case)"),
        ("\"\\ud800\"", 1, 8, "\\u escape of a high surrogate without its low one"),
        ("\"\\u+fff\"", 1, 4, "\\u must be followed by four hexadecimal digits"),
        ("[\"open", 1, 2, "the string is never closed"),
    ] as [(String, Int, Int, String)])
    func problemsAreLocatedByLineAndColumn(text: String, line: Int, column: Int, reason: String) {
        #expect {
            _ = try JSONValueParser.parse(text)
        } throws: { error in
            let error = error as? JSONValueParser.SyntaxError
            return error?.line == line && error?.column == column && error?.reason == reason
        }
    }

    /// RFC 8259 lets a parser ignore a byte order mark; a config saved by a Windows editor has one.
    @Test func aByteOrderMarkIsSkipped() throws {
        #expect(try JSONValueParser.parse(utf8: [0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}".utf8)) == .object([("a", .number("1"))]))
    }
}
