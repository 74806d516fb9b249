import FormPipeCore

// Intake's refusals, beside `SourceFile` which throws them; the daemon's own codes (timeouts,
// crashed workers) stay with its failure report.
extension ConversionError.Code {
    /// A symbolic link in the inbox (never followed).
    public static let symbolicLink = Self(rawValue: "symlink")
    /// A FIFO, socket or device in the inbox.
    public static let notRegularFile = Self(rawValue: "not-regular-file")
}
