import Testing
@testable import FormPipeCore

/// LabelText.compact walks scalars when every scalar is its own character; it must give what
/// walking characters gives.
struct LabelTextTests {
    @Test(arguments: [
        ("年初预 算数", "年初预算数"), ("项目资金 ( 万元 )", "项目资金(万元)"), ("项目资金（万元）", "项目资金(万元)"),
        ("联系电话：", "联系电话:"), ("<p>年度</p>\n<p>总体目标</p>", "年度总体目标"), ("a\r\nb\rc", "abc"),
        ("\u{3000}预期目标\u{00A0}", "预期目标"), ("x > y", "x>y"), ("<b", ""), ("≥95% — “满意”", "≥95%—“满意”"),
        ("指标1：完成质量", "指标1:完成质量"), ("", ""),
    ])
    func compact(input: String, expected: String) {
        #expect(LabelText.compact(input) == expected)
        #expect(LabelText.compactCharacters(input) == expected)
    }

    /// Text with characters of several scalars takes the character walk.
    @Test(arguments: ["e\u{301} 年度", " \u{301}年度", "한국 어", "年度\u{200D}目标", "目标\u{FE0F}", "🇨🇳 国旗"])
    func textWhoseCharactersJoinScalarsIsWalkedByCharacter(input: String) {
        #expect(LabelText.compactScalars(input) == nil)
        #expect(LabelText.compact(input) == LabelText.compactCharacters(input))
    }

    /// The fast walk returns text that needs no change as it is; generated text over the
    /// scalars that matter (spaces of each kind, tags, controls, full-width punctuation, CJK,
    /// a joining mark) compacts alike either way.
    @Test func generatedTextCompactsAlikeBothWays() {
        let alphabet: [String] = [
            "年", "度", "a", "1", " ", "\n", "\r", "\t", "\u{3000}", "\u{00A0}", "<", ">", "（", "）", "：",
            "\u{0}", "\u{7F}", "\u{FEFF}", "Ａ", "１", "%", "\u{301}",
        ]
        var generator = MutatedInputTests.SplitMix64(state: 0x5EED)
        for _ in 0..<3000 {
            let length = Int(generator.next() % 12)
            let text = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            #expect(LabelText.compact(text) == LabelText.compactCharacters(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// Full-width letters, digits and punctuation become half-width in a label; other text is
    /// left as it is (the common case, which takes no copy).
    @Test(arguments: [
        ("ＰＭ２．５达标率", "PM2.5达标率"), ("产出指标（５０分）", "产出指标"), ("项目名称：", "项目名称"),
        ("其中：财政拨款", "财政拨款"), ("满意度 等", "满意度"), ("年初预算数", "年初预算数"), ("～～", "~~"),
    ])
    func normalizedLabels(input: String, expected: String) {
        #expect(LabelText.normalized(input) == expected)
    }

    /// Every scalar the fast walk accepts is a character of its own beside any other of them:
    /// it neither joins what follows (prepend) nor what precedes (extend, joiner, spacing mark),
    /// nor itself (Hangul jamo, regional indicators).
    @Test func scalarsThatStandAloneDoNotJoin() {
        var joining: [String] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value), LabelText.standsAlone(scalar) else { continue }
            // Four characters only if no neighbours join: a|s (extend), s|s (jamo, regional
            // indicators), s|a (prepend).
            let text = String(scalar)
            if ("a" + text + text + "a").count != 4 { joining.append(String(value, radix: 16)) }
        }
        #expect(joining.isEmpty, "scalars that join a neighbour: \(joining.prefix(20))")
    }
}

