/// What a reviewer asks for on the command line, before it is checked against the document.
public enum ReviewRequest: Sendable, Hashable {
    /// `--set 'form-01:funds[0].executed=43.5076'`
    case set(form: Int?, field: FieldPath, typed: String)
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
        var target = argument[..<equals]
        let typed = String(argument[argument.index(after: equals)...])
        var form: Int?
        if let colon = target.firstIndex(of: ":") {
            guard let number = FormFileName.formNumber(String(target[..<colon])) else {
                throw ReviewError(
                    .malformedCorrection,
                    "--set '\(argument)': '\(target[..<colon])' is not a form name such as form-01")
            }
            form = number
            target = target[target.index(after: colon)...]
        }
        guard let field = FieldPath(parsing: String(target)) else {
            throw ReviewError(
                .malformedCorrection,
                "--set '\(argument)': '\(target)' is not a field path such as funds[0].executed or indicators[3].target"
            )
        }
        return .set(form: form, field: field, typed: typed)
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
