import Foundation
import Hummingbird

/// `GET /outbox/PATH`: a file of the outbox, for the review pages the converter writes (the
/// app shows a document's `review.html` beside the item) and the records they link to.
/// Read-only, regular files only, and nothing hidden (the lock, the publisher's staging area).
struct OutboxFiles {
    let outbox: URL

    func answer(_ components: [Substring]) -> Response {
        var url = outbox
        for component in components {
            guard let name = String(component).removingPercentEncoding, !name.isEmpty, !name.hasPrefix("."),
                !name.contains("/")
            else { return HTTPAnswer.text(.notFound, "not a file of the outbox\n") }
            url.appendPathComponent(name)
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue,
            let data = FileManager.default.contents(atPath: url.path)
        else { return HTTPAnswer.text(.notFound, "no file \(components.joined(separator: "/")) in the outbox\n") }
        return HTTPAnswer.bytes(data, type: Self.contentType(url.pathExtension))
    }

    static func contentType(_ pathExtension: String) -> String {
        switch pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "json": "application/json; charset=utf-8"
        case "jsonl", "txt": "text/plain; charset=utf-8"
        case "xml": "application/xml; charset=utf-8"
        case "png": "image/png"
        case "svg": "image/svg+xml"
        default: "application/octet-stream"
        }
    }
}
