import Testing
@testable import FormPipeDaemon
@testable import FormPipeIntake

struct DaemonNameTests {
    @Test(arguments: [
        ("report.pdf", "report.pdf"),
        ("with space.txt", "with space.txt"),
        ("中文 表格.txt", "中文 表格.txt"),
        ("-leading-dash.pdf", "-leading-dash.pdf"),
        ("--", "--"),
        ("  padded  .txt", "padded  .txt"),
        (".hidden.pdf", "hidden.pdf"),
        ("...", "unnamed"),
        ("..pdf", "pdf"),
        ("tab\there.txt", "tab_here.txt"),
        ("line\nbreak.txt", "line_break.txt"),
        ("back\\slash.txt", "back_slash.txt"),
        ("evil\u{202E}fdp.exe", "evil_fdp.exe"),
        ("bad\u{FFFD}byte.txt", "bad_byte.txt"),
        ("e\u{0301}te\u{0301}.txt", "été.txt"),
    ])
    func sanitizesOnlyWhatIsUnsafe(name: String, expected: String) {
        #expect(FileNameSanitizer.sanitize(name) == expected)
    }

    @Test func longNamesAreCutKeepingTheExtension() {
        let name = String(repeating: "表", count: 150) + ".pdf"
        let sanitized = FileNameSanitizer.sanitize(name)
        #expect(sanitized.utf8.count <= FileNameSanitizer.maximumBytes)
        #expect(sanitized.hasSuffix("表.pdf"))
    }

    @Test(arguments: [
        ("report.pdf", 1, "report.pdf"), ("report.pdf", 2, "report-2.pdf"), ("archive.tar.gz", 3, "archive.tar-3.gz"),
        ("README", 2, "README-2"), ("-x.txt", 2, "-x-2.txt"),
    ])
    func collisionVariants(name: String, number: Int, expected: String) {
        #expect(FileNameSanitizer.variant(of: name, number: number) == expected)
    }

    @Test(arguments: [
        (".gitkeep", true), (".~lock.x.odt#", true), ("x.pdf.part", true), ("x.PDF.PART", true), ("x.filepart", true),
        ("x.tmp", true), ("~$form.docx", true), ("x.pdf.crdownload", true),
        ("x.pdf", false), ("part.pdf", false), ("tmp.txt", false), ("~x.txt", false), ("中文.txt", false), ("-x.txt", false),
    ])
    func partialAndHiddenNamesAreSkipped(name: String, skipped: Bool) {
        #expect((InboxNamePolicy.skipReason(for: name) != nil) == skipped)
    }

    @Test func claimFileNamesRoundTrip() {
        let fileName = ClaimedFile.fileName(sequence: 42, name: "-a-b.pdf")
        #expect(fileName == "000042--a-b.pdf")
        #expect(ClaimedFile.parse(fileName: fileName)?.name == "-a-b.pdf")
        #expect(ClaimedFile.parse(fileName: ClaimedFile.fileName(sequence: 1_234_567, name: "x"))?.sequence == 1_234_567)
        #expect(ClaimedFile.parse(fileName: "no-number.pdf") == nil)
        #expect(ClaimedFile.parse(fileName: ".lock") == nil)
    }
}
