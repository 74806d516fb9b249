import Foundation
import Testing

extension BadInput {
    private static let form = "项目支出绩效自评表\n（2022年度）\n项目名称\t北京市某项目\n"

    /// At least 60 kinds of bad input that stay failures, and a few "no form" cases (files that hold
    /// text but no known form), built by ``noForm(_:_:_:)`` and marked NO-FORM: their outcome may
    /// change when unrecognized inputs get a record of their own.
    static let catalogue: [BadInput] = emptyAndBinary + encodings + html + pdf + unsupported + fileSystem + noFormCases
        + containers + moreEncodings + morePDF + tooLarge

    static let emptyAndBinary: [BadInput] = [
        BadInput(label: "empty txt", name: "empty.txt", maker: text(""), status: 1, line: "the file is empty", code: "empty"),
        BadInput(label: "empty html", name: "empty.html", maker: text(""), status: 1, line: "the file is empty", code: "empty"),
        BadInput(label: "empty md", name: "empty.md", maker: text(""), status: 1, line: "the file is empty", code: "empty"),
        BadInput(label: "empty pdf", name: "empty.pdf", maker: text(""), status: 1, line: "empty", code: "empty"),
        BadInput(label: "spaces only", name: "spaces.txt", maker: text("   \t  \n  \n"), status: 1, line: "the file holds no text, only white space or control characters", code: "empty"),
        BadInput(label: "100000 tab-only lines", name: "tabs.txt", maker: text(String(repeating: "\t\t\t\n", count: 100_000)), status: 1,
                 line: "the file holds no text, only white space or control characters", code: "empty"),
        BadInput(label: "newlines only", name: "newlines.txt", maker: text("\n\n\n\r\n"), status: 1, line: "the file holds no text, only white space or control characters", code: "empty"),
        BadInput(label: "one NUL byte", name: "nul.txt", maker: raw([0]), status: 1, line: "binary data, not text (100 % of the first 1 bytes are control bytes)", code: "not-supported"),
        BadInput(label: "4 KiB of NULs", name: "nuls.txt", maker: raw([UInt8](repeating: 0, count: 4096)), status: 1, line: "binary data, not text (100 % of the first 4096 bytes are control bytes)", code: "not-supported"),
        BadInput(label: "random bytes as txt", name: "noise.txt", maker: raw(noise(8192, seed: 1)), status: 1, line: "binary data, not text", code: "not-supported"),
        BadInput(label: "random bytes as html", name: "noise.html", maker: raw(noise(8192, seed: 2)), status: 1, line: "binary data, not HTML", code: "not-supported"),
        BadInput(label: "random bytes as pdf", name: "noise.pdf", maker: raw(noise(8192, seed: 3)), status: 1, line: "not a PDF: no %PDF- header in the first 1 KiB", code: "damaged"),
        BadInput(label: "PNG named txt", name: "photo.txt", maker: raw([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + noise(64, seed: 4)),
                 status: 1, line: "PNG image data is not a supported input (PDF, OCR text or OCR HTML)", code: "not-supported"),
        BadInput(label: "PNG named pdf", name: "photo.pdf", maker: raw([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + noise(64, seed: 5)),
                 status: 1, line: "PNG image data named .pdf", code: "not-supported"),
        BadInput(label: "JPEG named txt", name: "scan.txt", maker: raw([0xFF, 0xD8, 0xFF, 0xE0] + noise(64, seed: 6)), status: 1, line: "JPEG image data is not a supported input", code: "not-supported"),
        BadInput(label: "ELF named txt", name: "program.txt", maker: raw([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1] + noise(64, seed: 7)), status: 1, line: "ELF executable data is not a supported input", code: "not-supported"),
        BadInput(label: "gzip named txt", name: "packed.txt", maker: raw([0x1F, 0x8B, 0x08, 0x00] + noise(64, seed: 8)), status: 1, line: "gzip archive data is not a supported input", code: "not-supported"),
        BadInput(label: "zip named html", name: "packed.html", maker: raw([0x50, 0x4B, 0x03, 0x04] + noise(64, seed: 9)), status: 1, line: "ZIP archive (or Office document) data is not a supported input", code: "not-supported"),
    ]

    static let encodings: [BadInput] = [
        BadInput(label: "one invalid UTF-8 byte", name: "badbyte.txt",
                 maker: .bytes { var data = Data(form.utf8); data.insert(0xFF, at: 12); return data },
                 status: 1, line: "the text is not valid UTF-8 (byte 12 is 0xFF) nor GB18030", code: "bad-encoding"),
        BadInput(label: "truncated UTF-8 at the end", name: "cut.txt", maker: .bytes { Data(form.utf8) + Data([0xE4, 0xB8]) },
                 status: 1, line: "the text is not valid UTF-8 (byte 77 is 0xE4) nor GB18030: save the OCR output as UTF-8", code: "bad-encoding"),
        BadInput(label: "Latin-1 text", name: "latin1.txt", maker: raw([UInt8]("Caf".utf8) + [0xE9, 0x20] + [UInt8]("cr".utf8) + [0xE8, 0x6D, 0x65]),
                 status: 1, line: "the text is not valid UTF-8 (byte 3 is 0xE9) nor GB18030", code: "bad-encoding"),
        BadInput(label: "UTF-16 LE with odd length", name: "odd16.txt", maker: raw([0xFF, 0xFE, 0x41, 0x00, 0x42]),
                 status: 1, line: "byte 4 is 0x42", code: "bad-encoding"),
        BadInput(label: "UTF-16 lone surrogate", name: "surrogate.txt", maker: raw([0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8, 0x41, 0x00]),
                 status: 1, line: "byte 4 is 0x00", code: "bad-encoding"),
        BadInput(label: "UTF-16 BE lone low surrogate", name: "low16.txt", maker: raw([0xFE, 0xFF, 0xDC, 0x00, 0x00, 0x41]),
                 status: 1, line: "byte 2 is 0xDC", code: "bad-encoding"),
        BadInput(label: "invalid byte after a UTF-8 BOM", name: "bomff.txt", maker: raw([0xEF, 0xBB, 0xBF, 0x41, 0xFF]),
                 status: 1, line: "byte 4 is 0xFF", code: "bad-encoding"),
        BadInput(label: "overlong UTF-8 slash", name: "overlong.txt", maker: .bytes { Data(form.utf8) + Data([0xC0, 0xAF]) },
                 status: 1, line: "byte 77 is 0xC0", code: "bad-encoding"),
        BadInput(label: "UTF-8 encoded surrogate", name: "cesu.txt", maker: .bytes { Data(form.utf8) + Data([0xED, 0xA0, 0x80]) },
                 status: 1, line: "byte 77 is 0xED", code: "bad-encoding"),
    ]

    static let html: [BadInput] = [
        noForm("html without a table", "notable.html", text("<html><body><p>会议纪要</p></body></html>")),
        BadInput(label: "html nested 300 deep", name: "deep300.html", maker: nested(300), status: 1,
                 line: "no form found in the part read: elements nested more than 256 levels deep", code: "damaged"),
        BadInput(label: "html nested 20000 deep", name: "deep20000.html", maker: nested(20_000), status: 1,
                 line: "nested more than 256 levels deep", code: "damaged"),
        noForm("html entity bomb", "bomb.html", text("""
            <!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
            <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]><html><body>&e;&e;&e;</body></html>
            """)),
        noForm("html only a script", "script.html", text("<script>while(1){}</script>")),
        noForm("html table of empty cells", "cells.html", text("<table>" + String(repeating: "<tr><td></td><td></td></tr>", count: 500) + "</table>")),
    ]

    static let pdf: [BadInput] = [
        BadInput(label: "truncated pdf", name: "truncated.pdf", maker: corpus("dev-01.pdf") { $0.prefix(2048) }, status: 1, line: "damaged", code: "damaged"),
        BadInput(label: "pdf header only", name: "header.pdf", maker: text("%PDF-1.4\n%%EOF\n"), status: 1, line: "damaged PDF (PDF document is damaged): re-export or re-scan the original", code: "damaged"),
        BadInput(label: "pdf with garbage body", name: "garbage.pdf", maker: .bytes { Data("%PDF-1.7\n".utf8) + Data(noise(4096, seed: 11)) + Data("\n%%EOF\n".utf8) },
                 status: 1, line: "damaged PDF (PDF document is damaged)", code: "damaged"),
        BadInput(label: "pdf cut in the middle", name: "half.pdf", maker: corpus("dev-02.pdf") { $0.prefix($0.count / 2) }, status: 1, line: "damaged PDF (PDF document is damaged)", code: "damaged"),
        BadInput(label: "pdf tail only", name: "tail.pdf", maker: corpus("dev-02.pdf") { $0.suffix($0.count / 2) }, status: 1, line: "not a PDF: no %PDF- header in the first 1 KiB", code: "damaged"),
        BadInput(label: "encrypted pdf", name: "encrypted.pdf", maker: .bytes { try Data(contentsOf: Fixtures.root.appendingPathComponent("bad/encrypted.pdf")) },
                 status: 1, line: "encrypted", code: "encrypted"),
        BadInput(label: "pdf with bytes flipped", name: "flipped.pdf",
                 maker: corpus("dev-03.pdf") { data in var copy = data; for index in stride(from: 400, to: copy.count - 400, by: 97) { copy[index] ^= 0xFF }; return copy },
                 status: 1, line: "damaged PDF: page 1 cannot be read", code: "damaged"),
        BadInput(label: "html named pdf", name: "page.pdf", maker: corpus("dev-02.html"), status: 1, line: "not a PDF: no %PDF- header", code: "damaged"),
        BadInput(label: "text named pdf", name: "text.pdf", maker: corpus("dev-02.txt"), status: 1, line: "not a PDF: no %PDF- header", code: "damaged"),
    ]

    static let unsupported: [BadInput] = [
        BadInput(label: "docx", name: "form.docx", maker: raw([0x50, 0x4B, 0x03, 0x04] + noise(64, seed: 12)), status: 1, line: "ZIP archive (or Office document) data is not a supported input", code: "not-supported"),
        BadInput(label: "xlsx", name: "form.xlsx", maker: raw([0x50, 0x4B, 0x03, 0x04] + noise(64, seed: 13)), status: 1, line: "ZIP archive (or Office document) data is not a supported input", code: "not-supported"),
        BadInput(label: "jpg", name: "form.jpg", maker: raw([0xFF, 0xD8, 0xFF, 0xE0] + noise(64, seed: 14)), status: 1, line: "JPEG image data is not a supported input", code: "not-supported"),
        noForm("no extension", "README", text("hello\n")),
        BadInput(label: "exe", name: "setup.exe", maker: raw([0x4D, 0x5A] + noise(64, seed: 15)), status: 1, line: "unsupported file type '.exe': formpipe reads PDF, OCR text (.txt, .md) and OCR HTML (.html)", code: "not-supported"),
        BadInput(label: "json", name: "record.json", maker: text("{\"a\": 1}"), status: 1, line: "unsupported file type '.json'", code: "not-supported"),
        BadInput(label: "csv", name: "table.csv", maker: text("a,b\n1,2\n"), status: 1, line: "unsupported file type '.csv'", code: "not-supported"),
    ]

    static let fileSystem: [BadInput] = [
        BadInput(label: "fifo", name: "pipe.txt", maker: .fifo, status: 1,
                 line: "is not a regular file (a FIFO, socket or device); only files can be converted", code: "not-regular-file"),
        BadInput(label: "directory named txt", name: "folder.txt", maker: .directory, status: 1, line: "is a folder, not a file", code: nil, inDaemon: false),
        BadInput(label: "dangling link", name: "dangling.txt", maker: .symlink(to: "/nonexistent/formpipe/x.txt"), status: 1, line: "does not exist",
                 code: "symlink"),
        BadInput(label: "link to a folder", name: "tofolder.txt", maker: .symlink(to: "/tmp"), status: 1, line: "is a folder, not a file", code: "symlink"),
        BadInput(label: "link to a device", name: "null.txt", maker: .symlink(to: "/dev/null"), status: 1, line: "is not a regular file", code: "symlink"),
        BadInput(label: "link to itself", name: "loop.txt", maker: .symlink(to: "loop.txt"), status: 1, line: "cannot open the file: Too many levels of symbolic links", code: "symlink"),
    ]

    static let noFormCases: [BadInput] = [
        // NO-FORM: text without the form's title or 项目名称 row.
        noForm("prose without a form", "notes.txt", text("会议纪要\n明天开会。\n")),
        noForm("one very long line", "longline.txt", text(String(repeating: "项目", count: 300_000))),
        noForm("a title and nothing else", "title.txt", text("项目支出绩效自评表\n")),
        // NO-FORM: Shift-JIS bytes decode as GB18030 (both are valid double-byte text); the reader cannot tell.
        noForm("Shift-JIS text", "sjis.txt", raw([0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA, 0x0A])),
    ]
}
