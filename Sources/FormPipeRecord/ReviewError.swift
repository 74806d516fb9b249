/// Why a review command could not do what it was asked. The message is one line that names the
/// document, form, field or repair at fault; nothing has been changed when one is thrown.
public struct ReviewError: Error, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// No folder of that name with a `manifest.json` in the outbox.
        public static let unknownDocument = Code(rawValue: "unknown-document")
        /// `form-07` in a document with fewer forms.
        public static let unknownForm = Code(rawValue: "unknown-form")
        /// A field path that is not a field of the record, or an index past the end of a list.
        public static let unknownField = Code(rawValue: "unknown-field")
        /// A value that the field cannot hold (text for a number, a fraction for the year).
        public static let wrongType = Code(rawValue: "wrong-type")
        /// A field the contract fixes (`formType`, `funds[n].item`).
        public static let fixedField = Code(rawValue: "fixed-field")
        /// A repair id that is not in the document's repair log.
        public static let unknownRepair = Code(rawValue: "unknown-repair")
        /// A repair that changed a whole row; it has no single printed value to put back.
        public static let notRevertible = Code(rawValue: "not-revertible")
        /// A `--set` argument without the `form-NN:path=value` shape.
        public static let malformedCorrection = Code(rawValue: "malformed-correction")
        /// A document folder whose files cannot be read back (damaged or hand-edited).
        public static let unreadableOutput = Code(rawValue: "unreadable-output")
        /// A decision made on a version of the document that is no longer the one on disk (another
        /// reviewer or a reconversion published it meanwhile).
        public static let staleDocument = Code(rawValue: "stale-document")
        /// The corrected folder could not be written.
        public static let writeFailed = Code(rawValue: "write-failed")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// 2 for a command line that is wrong in itself (usage), 1 for one that does not fit the
    /// document it names.
    public var exitCode: Int32 { code == .malformedCorrection ? 2 : 1 }
}
