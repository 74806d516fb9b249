import Foundation
import FormPipeCore
import FormPipeRecord

/// The crops of one document: per repaired field of a PDF input, a PNG of the scan around it
/// (scanned pages) or an SVG drawn from the text layer and rulings (born-digital pages), kept
/// together in `OUTBOX/NAME/review-crops.json` and embedded in `review.html` as `data:` URIs.
///
/// One file rather than a PNG per field: the publisher fsyncs every file it writes, and a PDF
/// with forty repaired cells would otherwise cost forty more fsyncs per conversion. Keeping the
/// bytes beside the page (not only inside it) lets a correction draw the page again without the
/// PDF, which by then is in the archive.
public struct ScanCrops: Sendable, Equatable {
    public static let fileName = "review-crops.json"

    /// PNG or SVG bytes by key (`f01-funds-0-executed`).
    public var images: [String: Data]

    public init(images: [String: Data] = [:]) {
        self.images = images
    }

    public var isEmpty: Bool { images.isEmpty }

    /// The key of a field's crop: `f01-funds-0-executed` for form 1's `funds[0].executed`.
    public static func key(form: Int, field: String) -> String {
        FieldPath.identifier(prefix: form < 10 ? "f0\(form)-" : "f\(form)-", field: field)
    }

    public func image(form: Int, field: String) -> Data? {
        images[Self.key(form: form, field: field)]
    }

    /// `data:image/png;base64,…` (or `image/svg+xml`), for an `<img src>` that needs no second
    /// file and no network.
    public func dataURI(form: Int, field: String) -> String? {
        dataURI(key: Self.key(form: form, field: field))
    }

    func dataURI(key: String) -> String? {
        images[key].map { "data:\(Self.mediaType(of: $0));base64," + $0.base64EncodedString() }
    }

    /// Whether `image` is one of the SVG drawings of a born-digital page rather than scan pixels.
    public static func isDrawing(_ image: Data) -> Bool {
        image.starts(with: Array("<svg".utf8))
    }

    static func mediaType(of image: Data) -> String {
        isDrawing(image) ? "image/svg+xml" : "image/png"
    }

    /// Adds `other`'s crops; a key both have keeps `other`'s.
    public mutating func merge(_ other: ScanCrops) {
        images.merge(other.images) { $1 }
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
