import CPoppler
import FormPipeCore

/// Turns a poppler-glib failure into a `ConversionError` the user can act on.
///
/// poppler-glib reports failure through a `GError **` out-parameter; this is the one place that
/// reads and frees that error. A NULL result does not always come with a `GError` (argument
/// precondition failures return NULL silently), so a missing error is handled, not unwrapped.
enum PopplerError {
    /// Calls `body` with a fresh `GError **`, returns its non-NULL result, or throws.
    ///
    /// The `GError` is freed here whether or not it is turned into a thrown error.
    static func check<Result>(
        file: String,
        _ body: (UnsafeMutablePointer<UnsafeMutablePointer<GError>?>) -> Result?
    ) throws(ConversionError) -> Result {
        var error: UnsafeMutablePointer<GError>?
        let result = body(&error)
        defer { if let error { g_error_free(error) } }
        if let result { return result }
        throw conversionError(from: error, file: file)
    }

    /// Maps a `GError` (or its absence) to the error a user sees.
    static func conversionError(from error: UnsafeMutablePointer<GError>?, file: String) -> ConversionError {
        guard let error else {
            return ConversionError(
                .unreadable, file: file, stage: .extract,
                "Poppler could not open the PDF and gave no reason: "
                    + "check the file opens in a PDF viewer and drop it again")
        }
        let message = error.pointee.message.map { String(cString: $0) } ?? "no message"
        if error.pointee.domain == poppler_error_quark() {
            switch Int(error.pointee.code) {
            case Int(POPPLER_ERROR_ENCRYPTED.rawValue):
                return ConversionError(
                    .encrypted, file: file, stage: .extract, "encrypted PDF: remove the password and drop it again")
            case Int(POPPLER_ERROR_OPEN_FILE.rawValue):
                return ConversionError(
                    .unreadable, file: file, stage: .extract,
                    "cannot open the file (\(message)): check it still exists and is readable", transient: true)
            default:
                return ConversionError(
                    .damaged, file: file, stage: .extract,
                    "damaged PDF (\(message)): re-export or re-scan the original and drop it again")
            }
        }
        if error.pointee.domain == g_file_error_quark() {
            return ConversionError(
                .unreadable, file: file, stage: .extract,
                "cannot read the file (\(message)): check it still exists and is readable", transient: true)
        }
        return ConversionError(
            .unreadable, file: file, stage: .extract,
            "cannot open the PDF (\(message)): check the file and drop it again")
    }
}
