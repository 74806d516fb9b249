import Foundation

/// The scan crops of one document: a PNG per repaired field of a PDF input, kept together in
/// `OUTBOX/NAME/review-crops.json` and embedded in `review.html` as `data:` URIs.
///
/// One file rather than a PNG per field: the publisher fsyncs every file it writes, and a PDF
/// with forty repaired cells would otherwise cost forty more fsyncs per conversion. Keeping the
/// bytes beside the page (not only inside it) lets a correction draw the page again without the
/// PDF, which by then is in the archive.
public struct ScanCrops: Sendable, Equatable {
    public static let fileName = "review-crops.json"

    /// PNG bytes by key (`f01-funds-0-executed`).
    public var images: [String: Data]

    public init(images: [String: Data] = [:]) {
        self.images = images
    }

    public var isEmpty: Bool { images.isEmpty }

    /// The key of a field's crop: `f01-funds-0-executed` for form 1's `funds[0].executed`.
    public static func key(form: Int, field: String) -> String {
        var key = form < 10 ? "f0\(form)-" : "f\(form)-"
        for character in field {
            switch character {
            case "[", ".": if key.last != "-" { key.append("-") }
            case "]": continue
            default: key.append(character)
            }
        }
        return key
    }

    public func image(form: Int, field: String) -> Data? {
        images[Self.key(form: form, field: field)]
    }

    /// `data:image/png;base64,…`, for an `<img src>` that needs no second file and no network.
    public func dataURI(form: Int, field: String) -> String? {
        image(form: form, field: field).map { "data:image/png;base64," + $0.base64EncodedString() }
    }

    /// `{"f01-funds-0-executed": "<base64 PNG>", …}`, keys sorted so the file is stable.
    public var json: JSONValue {
        .object(images.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value.base64EncodedString())) })
    }

    public init(json: JSONValue) throws(ReviewError) {
        guard case .object(let members) = json else {
            throw ReviewError(.unreadableOutput, "\(Self.fileName) is not a JSON object")
        }
        var images: [String: Data] = [:]
        for (key, value) in members {
            guard let text = value.stringValue, let data = Data(base64Encoded: text) else {
                throw ReviewError(.unreadableOutput, "\(Self.fileName): the crop \(key) is not base64")
            }
            images[key] = data
        }
        self.images = images
    }
}
