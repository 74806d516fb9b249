import CLibXML2
import Foundation

/// Collects the errors libxml2 reports while `body` runs, with their line numbers.
///
/// libxml2 2.9 has no error handler per parser: errors go to the structured error function of
/// the calling thread. This installs a collector as that function for the duration of `body`
/// and puts the previous one back afterwards. Callers serialize their use (see
/// `RecordSchemaValidator`), which also keeps this correct in a libxml2 built without threads,
/// where the handler would be one process-wide global.
final class XMLErrorCapture {
    private(set) var issues: [RecordSchemaValidator.Issue] = []

    /// Runs `body` with this collector installed.
    func capture<R>(_ body: () throws -> R) rethrows -> R {
        let previousHandler = formpipe_xml_structured_error_handler()
        let previousContext = formpipe_xml_structured_error_context()
        let context = Unmanaged.passUnretained(self).toOpaque()
        xmlSetStructuredErrorFunc(context, Self.handler)
        defer { xmlSetStructuredErrorFunc(previousContext, previousHandler) }
        return try withExtendedLifetime(self) { try body() }
    }

    /// The C callback: `context` is the collector installed by `capture`, alive for the call.
    private static let handler: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        let collector = Unmanaged<XMLErrorCapture>.fromOpaque(context).takeUnretainedValue()
        collector.record(error.pointee)
    }

    private func record(_ error: xmlError) {
        // Warnings do not make a document invalid; only errors are reported.
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        var message = error.message.map { String(cString: $0) } ?? "libxml2 error \(error.code)"
        while message.last?.isWhitespace == true { message.removeLast() }
        issues.append(RecordSchemaValidator.Issue(line: Int(error.line), message: message))
    }
}
