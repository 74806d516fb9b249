import Foundation
import Testing

extension BadInput {
    private static let limit = "MB limit; raise maxFileMB in pipeline.json to accept it"

    /// Archives and images under a text name, named by what they are.
    static let containers: [BadInput] = [
        BadInput(label: "GIF named txt", name: "anim.txt", maker: raw(Array("GIF89a".utf8) + noise(64, seed: 20)), status: 1,
                 line: "GIF image data is not a supported input", code: "not-supported"),
        BadInput(label: "WebP named html", name: "photo.html", maker: raw(Array("RIFF".utf8) + [0x40, 0, 0, 0] + Array("WEBPVP8 ".utf8) + noise(64, seed: 21)),
                 status: 1, line: "WebP image data is not a supported input", code: "not-supported"),
        BadInput(label: "TIFF scan", name: "scan.tif", maker: raw([0x49, 0x49, 0x2A, 0x00] + noise(64, seed: 22)), status: 1,
                 line: "TIFF image data is not a supported input", code: "not-supported"),
        BadInput(label: "old Word document", name: "form.doc", maker: raw([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + noise(64, seed: 23)),
                 status: 1, line: "OLE2 (old Office) document data is not a supported input", code: "not-supported"),
        BadInput(label: "bzip2 named txt", name: "packed-bz2.txt", maker: raw(Array("BZh91AY&SY".utf8) + noise(64, seed: 24)), status: 1,
                 line: "bzip2 archive data is not a supported input", code: "not-supported"),
        BadInput(label: "xz named txt", name: "packed-xz.txt", maker: raw([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00] + noise(64, seed: 25)), status: 1,
                 line: "xz archive data is not a supported input", code: "not-supported"),
        BadInput(label: "7-Zip named txt", name: "packed-7z.txt", maker: raw([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C] + noise(64, seed: 26)), status: 1,
                 line: "7-Zip archive data is not a supported input", code: "not-supported"),
        BadInput(label: "RAR named txt", name: "packed-rar.txt", maker: raw(Array("Rar!".utf8) + [0x1A, 0x07, 0x00] + noise(64, seed: 27)), status: 1,
                 line: "RAR archive data is not a supported input", code: "not-supported"),
        BadInput(label: "a few control bytes", name: "control.txt", maker: raw([0x01, 0x02, 0x03, 0x0A]), status: 1,
                 line: "binary data, not text (75 % of the first 4 bytes are control bytes)", code: "not-supported"),
    ]

    /// Byte-order marks with nothing or with broken text after them, and damaged GB18030.
    static let moreEncodings: [BadInput] = [
        BadInput(label: "UTF-8 BOM only", name: "bom8.txt", maker: raw([0xEF, 0xBB, 0xBF]), status: 1,
                 line: "the file holds no text, only white space or control characters", code: "empty"),
        BadInput(label: "UTF-16 BOM only", name: "bom16.txt", maker: raw([0xFF, 0xFE]), status: 1,
                 line: "the file holds no text, only white space or control characters", code: "empty"),
        BadInput(label: "UTF-32 with a code point past U+10FFFF", name: "big32.txt", maker: raw([0xFF, 0xFE, 0, 0, 0x41, 0, 0, 0, 0, 0, 0x11, 0]), status: 1,
                 line: "the text is not valid UTF-32LE as its byte-order mark says (byte 8 is 0x00)", code: "bad-encoding"),
        BadInput(label: "UTF-32 BE cut short", name: "cut32.txt", maker: raw([0, 0, 0xFE, 0xFF, 0, 0, 0, 0x41, 0, 0]), status: 1,
                 line: "the text is not valid UTF-32BE as its byte-order mark says (byte 8 is 0x00)", code: "bad-encoding"),
        BadInput(label: "GB18030 with a bad trail byte", name: "gbbad.txt",
                 maker: .bytes { try TextEncodingTests.gb18030("项目名称\t北京市") + Data([0x81, 0x20]) + (try TextEncodingTests.gb18030("项目")) },
                 status: 1, line: "the text is not valid UTF-8 (byte 0 is 0xCF) nor GB18030 (byte 15 is 0x81)", code: "bad-encoding"),
        BadInput(label: "GB18030 cut in a character", name: "gbcut.txt", maker: .bytes { try TextEncodingTests.gb18030("项目名称") + Data([0xCF]) },
                 status: 1, line: "nor GB18030 (byte 8 is 0xCF)", code: "bad-encoding"),
    ]

    /// Not quite PDFs.
    static let morePDF: [BadInput] = [
        BadInput(label: "PostScript named pdf", name: "print.pdf", maker: text("%!PS-Adobe-3.0\n%%EOF\n"), status: 1,
                 line: "not a PDF: the file is PostScript data named .pdf", code: "not-supported"),
        BadInput(label: "gzipped PDF named pdf", name: "zipped.pdf", maker: raw([0x1F, 0x8B, 0x08, 0x00] + noise(256, seed: 28)), status: 1,
                 line: "not a PDF: the file is gzip archive data named .pdf", code: "not-supported"),
        BadInput(label: "PDF without pages", name: "nopages.pdf", maker: text("""
            %PDF-1.4
            1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
            2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj
            trailer<</Root 1 0 R>>
            %%EOF

            """), status: 1, line: "the PDF has no pages: check the export", code: "empty"),
        BadInput(label: "PDF header after the first KiB", name: "late.pdf",
                 maker: .bytes { Data(repeating: 0x20, count: 2048) + (try Data(contentsOf: Fixtures.corpus.appendingPathComponent("dev-01.pdf"))) },
                 status: 1, line: "not a PDF: no %PDF- header in the first 1 KiB", code: "damaged"),
    ]

    /// Over the default `maxFileMB` (100), as sparse files: refused before a byte is read.
    static let tooLarge: [BadInput] = [
        BadInput(label: "101 MiB text", name: "big.txt", maker: .sparse(head: Array("项目名称\n".utf8), tail: [0x0A], size: 101 << 20), status: 1,
                 line: "is 101.0 MB, over the 100 \(limit)", code: "too-large"),
        BadInput(label: "150 MiB html", name: "big.html", maker: .sparse(head: Array("<html>".utf8), tail: Array("</html>".utf8), size: 150 << 20), status: 1,
                 line: "is 150.0 MB, over the 100 \(limit)", code: "too-large"),
        BadInput(label: "120 MiB pdf", name: "big.pdf", maker: .sparse(head: Array("%PDF-1.4\n".utf8), tail: Array("\n%%EOF\n".utf8), size: 120 << 20), status: 1,
                 line: "is 120.0 MB, over the 100 \(limit)", code: "too-large"),
    ]
}
