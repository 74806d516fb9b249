import Testing

@testable import FormPipeExtract

/// A cell OCR read as a fixed label with one ideograph wrong becomes the label; nothing else does.
struct OCRLabelSnapTests {
    @Test(arguments: [("项目药称", "项目名称"), ("主镑部门", "主管部门"), ("项目负丙人", "项目负责人"), ("年度指标傅", "年度指标值")])
    func aLabelWithOneIdeographWrongIsTheLabel(reading: String, label: String) {
        #expect(OCRLabelSnap.label(for: reading) == label)
    }

    /// Indicator vocabulary one ideograph from a label ("时效指标" / "绩效指标"), the labels
    /// themselves, short words and ordinary values are left alone.
    @Test(arguments: ["时效指标", "项目名称", "分植", "项目诗匈称", "市园林绿化局", "得到提高"])
    func otherWordsAreLeftAlone(reading: String) {
        #expect(OCRLabelSnap.label(for: reading) == nil)
    }
}
