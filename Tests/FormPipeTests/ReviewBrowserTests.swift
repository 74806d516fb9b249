import Foundation
import Testing

@testable import FormPipeRecord
@testable import FormPipeReview

/// The review pages opened in headless Chromium from `file://`, as a reviewer opens them: the
/// rendered DOM shows the corrected values, the crops and the links, and a screenshot is made.
/// Chromium is installed by `scripts/install-deps.sh` (Debian package `chromium`).
@Suite(.serialized)
struct ReviewBrowserTests {
    static let chromium: URL? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .map(URL.init(fileURLWithPath:)).first { FileManager.default.isExecutableFile(atPath: $0.path) }

    /// Runs headless Chromium on `page` with `arguments`; no sandbox (tests run as root in CI),
    /// a throwaway profile, and a time limit.
    private func chromium(_ arguments: [String], page: URL) throws -> ProcessResult {
        let browser = try #require(Self.chromium, "Chromium is missing: run scripts/install-deps.sh")
        let profile = try Fixtures.temporaryFolder("formpipe-chromium")
        defer { try? FileManager.default.removeItem(at: profile) }
        let result = try ReviewProcess.run(
            browser,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                "--user-data-dir=\(profile.path)",
            ] + arguments + [page.absoluteString],
            timeout: 30)
        #expect(result.status == 0, "chromium: \(result.stderr.suffix(500))")
        return result
    }

    private func outbox() throws -> URL {
        let outbox = try ReviewFixtures.convertedOutbox(["dev-01.txt", "dev-02.pdf"], label: "formpipe-review-browser")
        try DocumentReviewer(outbox: outbox).apply(
            [.set(form: 1, field: FieldPath(parsing: "funds[0].executed")!, typed: "43.5076")], to: "dev-01",
            by: ReviewFixtures.reviewer)
        return outbox
    }

    @Test func theRenderedPageShowsTheCorrectedAndRepairedValues() throws {
        let outbox = try outbox()
        defer { try? FileManager.default.removeItem(at: outbox) }
        let dom = try chromium(["--dump-dom"], page: outbox.appendingPathComponent("dev-01/review.html")).stdout

        #expect(dom.contains(#"<td id="f1-funds-0-executed" class="num reviewed""#))
        #expect(dom.contains(#"<span class="value">43.5076</span>"#))
        #expect(dom.contains("<del>112</del>"))
        // The machine's lowest-confidence repair, with before → after, rule and confidence.
        #expect(dom.contains("<del>服务对象满意度标</del>"))
        #expect(dom.contains("<ins>服务对象满意度指标</ins>"))
        #expect(dom.contains("vocabulary-snap · 置信度 confidence 0.844"))
        for label in ["项目名称", "主管部门", "项目资金（万元）", "全年执行数", "绩效指标", "三级指标"] {
            #expect(dom.contains(">\(label)<"), "\(label)")
        }
        #expect(!dom.contains("<script"))
    }

    @Test func pdfPagesShowTheCropsAndTheIndexLinksToTheWeakestRepair() throws {
        let outbox = try outbox()
        defer { try? FileManager.default.removeItem(at: outbox) }
        let index = try chromium(["--dump-dom"], page: outbox.appendingPathComponent("index.html")).stdout
        let link = try #require(index.firstMatch(of: #/href="(dev-0[12])/review\.html#(R\d+)" id="weakest"/#))
        let (document, repair) = (String(link.output.1), String(link.output.2))

        // Click 1 lands on the repair's row in the list, which holds the crop of the page: on a
        // born-digital PDF a drawing of its text layer and rulings with the cell outlined.
        let page = try chromium(["--dump-dom"], page: outbox.appendingPathComponent("dev-02/review.html")).stdout
        let crops = page.matches(of: #/<img class="crop" src="data:image\/svg\+xml;base64,([A-Za-z0-9+\/=]+)"/#)
        #expect(!crops.isEmpty)
        for crop in crops {
            let svg = String(decoding: try #require(Data(base64Encoded: String(crop.output.1))), as: UTF8.self)
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(svg.contains("<line ") && svg.contains("<text ") && svg.contains(#"stroke="rgb(217,26,26)""#))
        }
        let target = try chromium(["--dump-dom"], page: outbox.appendingPathComponent("\(document)/review.html")).stdout
        #expect(target.contains(#"<tr id="\#(repair)""#))
    }

    @Test func aScreenshotIsProduced() throws {
        let outbox = try outbox()
        defer { try? FileManager.default.removeItem(at: outbox) }
        let png = outbox.appendingPathComponent("shot.png")
        _ = try chromium(
            ["--hide-scrollbars", "--window-size=1280,1600", "--screenshot=\(png.path)"],
            page: outbox.appendingPathComponent("dev-02/review.html"))
        let data = try Data(contentsOf: png)
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let width = data[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = data[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1280 && height == 1600)
        #expect(data.count > 50_000)  // a drawn page, not a blank one
    }
}
