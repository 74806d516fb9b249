import Foundation
import Hummingbird
import FormPipeCore
import FormPipeRecord

/// Building responses: JSON through the project's own `JSONValue` (it keeps key order and
/// numbers as printed), text, and the bytes of a file.
enum HTTPAnswer {
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        bytes(Data(value.compact().utf8), type: "application/json; charset=utf-8", status: status)
    }

    static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        bytes(Data(text.utf8), type: "text/plain; charset=utf-8", status: status)
    }

    static func bytes(_ data: Data, type: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        // Values change with every decision; a cached page would show an old version.
        headers[.cacheControl] = "no-store"
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A `ReviewError` as JSON with the status that says whose fault it is; the message is the
    /// command line's, word for word.
    static func error(_ error: ReviewError) -> Response {
        let status: HTTPResponse.Status =
            switch error.code {
            case .staleDocument: .conflict
            case .unknownDocument: .notFound
            case .malformedCorrection: .badRequest
            case .writeFailed: .internalServerError
            default: .unprocessableContent
            }
        return json(.object([("error", .string(error.message)), ("code", .string(error.code.rawValue))]), status: status)
    }

    static func badRequest(_ message: String) -> Response {
        error(ReviewError(.malformedCorrection, message))
    }
}
