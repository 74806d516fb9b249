import Testing
@testable import FormPipeCore
@testable import FormPipeRecord
@testable import FormPipeRepair

/// One table per repair rule: cases it must repair and cases it must leave alone.
struct RepairRuleTests {
    @Test(arguments: [
        ("587.0490 60", "587.049060"), ("587.0490\n60", "587.049060"), ("121.15 99 万", "121.1599 万"),
        ("48 .5", "48.5"), ("1 2", "12"),
        // untouched
        ("48万 元", "48万 元"), ("12 月", "12 月"), ("OA 系统", "OA 系统"), ("587.049060", "587.049060"),
    ])
    func splitNumber(input: String, expected: String) {
        #expect(SplitNumberRule().apply(to: input, field: .text) == expected)
    }

    @Test(arguments: [
        ("年初预 算数", "年初预算数"), ("48万 元", "48万元"), ("年度 总体 目标", "年度总体目标"), ("产出指\n标", "产出指标"),
        ("服务对象 满意度标", "服务对象满意度标"), ("有所展 现", "有所展现"), ("进一步，\n提高", "进一步，提高"),
        // a printed slogan inside quotation marks keeps its space
        ("营造社会各界“助消费 献爱心”的良好氛围", "营造社会各界“助消费 献爱心”的良好氛围"),
        // untouched: no CJK on one side
        ("12 月底前完成", "12 月底前完成"), ("OA system", "OA system"),
    ])
    func splitCJKWord(input: String, expected: String) {
        #expect(SplitCJKWordRule().apply(to: input, field: .text) == expected)
    }

    @Test(arguments: [
        ("12 月底前完成", "12月底前完成"), ("全国 31 个省区市", "全国31个省区市"), ("OA 系统", "OA系统"), ("121.1599 万", "121.1599万"),
        // untouched
        ("Office Word", "Office Word"), ("年初预 算数", "年初预 算数"), ("10 20", "10 20"),
    ])
    func spacedScriptBoundary(input: String, expected: String) {
        #expect(SpacedScriptBoundaryRule().apply(to: input, field: .text) == expected)
    }

    @Test(arguments: [
        ("指标1: 参加", "指标1:参加"), ("≥ 90%", "≥90%"), ("1. 通过", "1.通过"), ("Office\nWord", "Office Word"),
        ("Office   Word", "Office Word"),
        // untouched: Latin words keep one space, CJK gaps belong to split-cjk-word
        ("Windows 10", "Windows 10"), ("助消费 献爱心", "助消费 献爱心"),
    ])
    func straySpace(input: String, expected: String) {
        #expect(StraySpaceRule().apply(to: input, field: .text) == expected)
    }

    @Test(arguments: [
        ("<p>通过建设平台。</p>", "通过建设平台。"), ("<p>甲。</p> <p>乙。</p>", "甲。\n\n乙。"), ("a<br/>b", "a\nb"),
        ("A&amp;B&nbsp;C", "A&B C"),
        // untouched: text that only looks like a tag
        ("<5万元", "<5万元"), ("成本 < 预算", "成本 < 预算"),
    ])
    func htmlTags(input: String, expected: String) {
        #expect(HTMLTagRule().apply(to: input, field: .paragraphs) == expected)
    }

    @Test(arguments: [
        ("1. 通过培训提升。2. 通过建立机制。", "1. 通过培训提升。\n\n2. 通过建立机制。"),
        ("（1）统筹协调。（2）加强沟通。", "（1）统筹协调。\n\n（2）加强沟通。"),
        // untouched: no list, a decimal after a full stop, numbers out of sequence
        ("完成2.5万元。3. 不是列表", "完成2.5万元。3. 不是列表"), ("1. 甲。2.5万元", "1. 甲。2.5万元"),
        ("1. 甲。3. 乙", "1. 甲。3. 乙"),
    ])
    func numberedParagraphs(input: String, expected: String) {
        #expect(NumberedParagraphRule().apply(to: input, field: .paragraphs) == expected)
    }

    @Test(arguments: [
        // a wrapped goal cell whose lines arrive as spaces: the short line ending in "。" ends a paragraph
        ("对绩效目标进行审核修改，提高目标制定的合理、准确 度；选择当年重点项目进行绩效监控，采用实地调研、 座谈交流、电话访问、调查问卷、专家研究等方式，科 学编制对口帮扶规划。 前期工作及过程工作成果：考评工作方案、考核细则； 最终成果：考评报告。",
         "对绩效目标进行审核修改，提高目标制定的合理、准确 度；选择当年重点项目进行绩效监控，采用实地调研、 座谈交流、电话访问、调查问卷、专家研究等方式，科 学编制对口帮扶规划。\n\n前期工作及过程工作成果：考评工作方案、考核细则； 最终成果：考评报告。"),
        // a full line that happens to end in "。" is only a wrap
        ("援派干部的学习教育和能力提升是做好支援合作 工作的基础，拟采取干部读本的形式加强干部。 学习教育工作由各单位组织落实到每一名干部。 完成。",
         "援派干部的学习教育和能力提升是做好支援合作 工作的基础，拟采取干部读本的形式加强干部。 学习教育工作由各单位组织落实到每一名干部。 完成。"),
        // spaces OCR put around Latin words make short pieces that follow no full line
        ("实现 OA 系统升级改造。 实现交流动员平台的应用适配改造，实现政务内网办公终端全面升级。",
         "实现 OA 系统升级改造。 实现交流动员平台的应用适配改造，实现政务内网办公终端全面升级。"),
    ])
    func shortWrappedLineEndsAParagraph(input: String, expected: String) {
        #expect(ShortLineParagraphRule().apply(to: input, field: .paragraphs) == expected)
        #expect(ShortLineParagraphRule().apply(to: input, field: .text) == input)
    }

    @Test func numberedParagraphsLeavesShortTextFieldsAlone() {
        #expect(NumberedParagraphRule().apply(to: "1. 甲。2. 乙。", field: .text) == "1. 甲。2. 乙。")
    }

    @Test(arguments: [
        ("服务对象满意度标", "服务对象满意度指标"), ("服务对象满意度", "服务对象满意度指标"), ("可持续影响指", "可持续影响指标"),
        ("社会效益指标", "社会效益指标"),
        // untouched: not level2 words
        ("满意度指标", "满意度指标"), ("指标", "指标"), ("培训人员满意度", "培训人员满意度"), ("建设销售平台", "建设销售平台"),
    ])
    func vocabularySnapLevel2(input: String, expected: String) {
        #expect(VocabularySnapRule(level: .level2).apply(to: input) == expected)
    }

    @Test func repairerLogsEachRuleWithBeforeAndAfter() {
        var log = RepairCollector(form: 1)
        let value = CellTextRepairer().repair("121.15 99 万", kind: .text, at: FieldLocation("indicators[6].target"), log: &log)
        #expect(value == "121.1599万")
        #expect(log.repairs.map(\.rule) == ["split-number", "spaced-script-boundary"])
        #expect(log.repairs.first?.before == "121.15 99 万")
        #expect(log.repairs.last?.after == "121.1599万")
        #expect(log.repairs.allSatisfy { $0.field == "indicators[6].target" && $0.form == 1 })
    }

    @Test func repairerLeavesCleanTextUnlogged() {
        var log = RepairCollector(form: 1)
        #expect(CellTextRepairer().repair("京蒙东西部协作项目", kind: .text, at: FieldLocation("projectName"), log: &log) == "京蒙东西部协作项目")
        #expect(log.repairs.isEmpty)
    }

    @Test func paragraphsSurviveOnlyInGoalTexts() {
        var log = RepairCollector(form: 1)
        let goals = CellTextRepairer().repair("<p>甲。</p> <p>乙。</p>", kind: .paragraphs, at: FieldLocation("goals.expected"), log: &log)
        #expect(goals == "甲。\n乙。")
        let level3 = CellTextRepairer().repair("<p>甲</p><p>乙</p>", kind: .text, at: FieldLocation("indicators[0].level3"), log: &log)
        #expect(level3 == "甲乙")
    }
}

extension RepairRuleTests {
    @Test func numberedParagraphsContinueAListSplitEarlier() {
        #expect(NumberedParagraphRule().apply(to: "5、推动实施。\n6、成功举办。", field: .paragraphs) == "5、推动实施。\n\n6、成功举办。")
    }

    @Test(arguments: ["1", "-2-", "第3页", "1/2", "(4)"])
    func pageNumbersAreRecognised(text: String) {
        #expect(PageNumber.matches(text))
    }

    @Test(arguments: ["2022", "12345", "项目", "1.5", ""])
    func otherTextIsNoPageNumber(text: String) {
        #expect(!PageNumber.matches(text))
    }
}

/// `control-characters`: NUL, escapes, DEL, C1 controls and byte-order marks go; line feeds and tabs stay.
struct ControlCharacterRuleTests {
    @Test(arguments: [
        ("\u{0}市支援合作办", "市支援合作办"), ("555\u{0}74477", "55574477"), ("a\u{1B}b\u{7F}c", "abc"), ("\u{FEFF}项目", "项目"),
        ("x\u{85}y\u{9F}", "xy"), ("\r\n", "\n"),
        // untouched
        ("第一段\n第二段", "第一段\n第二段"), ("a\tb", "a\tb"), ("≥90%", "≥90%"), ("", ""), ("市支援合作办", "市支援合作办"),
    ])
    func controlCharacters(input: String, expected: String) {
        #expect(ControlCharacterRule().apply(to: input, field: .text) == expected)
    }

    @Test func aNULInsideALabelDoesNotHideItsValue() {
        #expect(LabelText.compact("联\u{0}系电话") == "联系电话")
        #expect(LabelText.compactCharacters("联\u{0}系电话") == "联系电话")
    }
}
