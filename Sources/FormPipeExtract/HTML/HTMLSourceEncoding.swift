import Foundation

/// Which character encoding to tell libxml2 an HTML file is in.
///
/// libxml2's HTML parser assumes ISO-8859-1 when a file declares nothing, which turns UTF-8
/// Chinese into mojibake. OCR engines write UTF-8 and rarely declare it, so bytes that are valid
/// UTF-8 are read as UTF-8 (after dropping a UTF-8 byte-order mark). Other bytes are left to the
/// file's own declaration (`<meta charset>`, a UTF-16 byte-order mark) when it has one, and are
/// otherwise read as GB18030, the superset of GBK that Chinese office software writes.
enum HTMLSourceEncoding: Equatable, CustomStringConvertible {
    case utf8(hasByteOrderMark: Bool)
    case declared
    case gb18030

    init(_ data: Data) {
        let utf8Mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            self = .declared
        } else if String(validating: data, as: UTF8.self) != nil {
            self = .utf8(hasByteOrderMark: data.starts(with: utf8Mark))
        } else if String(decoding: data.prefix(2048), as: UTF8.self).lowercased().contains("charset") {
            self = .declared
        } else {
            self = .gb18030
        }
    }

    /// The encoding name passed to `htmlReadMemory`; nil lets libxml2 follow the file.
    var libxmlName: String? {
        switch self {
        case .utf8: "UTF-8"
        case .declared: nil
        case .gb18030: "GB18030"
        }
    }

    /// The bytes to hand to the parser.
    func bytes(of data: Data) -> Data {
        if case .utf8(hasByteOrderMark: true) = self { return data.dropFirst(3) }
        return data
    }

    var description: String {
        switch self {
        case .utf8: "UTF-8"
        case .declared: "as declared"
        case .gb18030: "GB18030"
        }
    }
}
