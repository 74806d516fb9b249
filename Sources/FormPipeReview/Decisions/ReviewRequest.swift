import FormPipeRecord
import FormPipeEmit
/// What a reviewer asks for on the command line, before it is checked against the document.
public enum ReviewRequest: Sendable, Hashable {
    /// `--set 'form-01:funds[0].executed=43.5076'`
    case set(form: Int?, field: FieldPath, typed: String)
    /// `--confirm 'form-01:indicators[3].target'`: the value the converter gave is right.
    case confirm(form: Int?, field: FieldPath)
    /// `--revert R12`
    case revert(repair: String)
    /// `--accept`
    case accept

    /// Parses a `--set` argument: `form-NN:PATH=VALUE`, or `PATH=VALUE` for a one-form document.
    /// The value is everything after the first "=", so it may itself contain "=" and ":".
    public static func parseSet(_ argument: String) throws(ReviewError) -> ReviewRequest {
        guard let equals = argument.firstIndex(of: "=") else {
            throw ReviewError(
                .malformedCorrection, "--set '\(argument)' has no '=': write form-01:funds[0].executed=43.5076")
        }
        let (form, field) = try parseTarget(argument[..<equals], option: "--set", argument: argument)
        return .set(form: form, field: field, typed: String(argument[argument.index(after: equals)...]))
    }

    /// Parses a `--confirm` argument: `form-NN:PATH`, or `PATH` for a one-form document.
    public static func parseConfirm(_ argument: String) throws(ReviewError) -> ReviewRequest {
        let (form, field) = try parseTarget(Substring(argument), option: "--confirm", argument: argument)
        return .confirm(form: form, field: field)
    }

    /// `form-NN:PATH` or `PATH`: the field a `--set` or `--confirm` names.
    private static func parseTarget(_ text: Substring, option: String, argument: String) throws(ReviewError) -> (
        Int?, FieldPath
    ) {
        var target = text
        var form: Int?
        if let colon = target.firstIndex(of: ":") {
            guard let number = FormFileName.formNumber(String(target[..<colon])) else {
                throw ReviewError(
                    .malformedCorrection,
                    "\(option) '\(argument)': '\(target[..<colon])' is not a form name such as form-01")
            }
            form = number
            target = target[target.index(after: colon)...]
        }
        guard let field = FieldPath(parsing: String(target)) else {
            throw ReviewError(
                .malformedCorrection,
                "\(option) '\(argument)': '\(target)' is not a field path such as funds[0].executed or indicators[3].target"
            )
        }
        return (form, field)
    }

    /// Parses a `--revert` argument: a repair id such as `R12` (case-insensitive).
    public static func parseRevert(_ argument: String) throws(ReviewError) -> ReviewRequest {
        let id = argument.uppercased()
        guard id.hasPrefix("R"), let number = Int(id.dropFirst()), number > 0 else {
            throw ReviewError(.malformedCorrection, "--revert '\(argument)' is not a repair id such as R12")
        }
        return .revert(repair: "R\(number)")
    }
}
