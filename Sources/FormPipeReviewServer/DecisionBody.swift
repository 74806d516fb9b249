import FormPipeCore
import FormPipeRecord
import FormPipeEmit
import FormPipeReview

/// The body of `POST /api/documents/NAME/decisions`:
///
///     {"version": "…", "decisions": [{"action": "set", "form": 1, "field": "funds[0].executed", "value": "43.5"},
///                                   {"action": "confirm", "form": 1, "field": "projectName"},
///                                   {"action": "revert", "repair": "R12"}, {"action": "accept"}]}
///
/// Each decision is turned into the text the command line would have been given and parsed by
/// the command line's own parsers, so the browser cannot express anything `--set`,
/// `--confirm`, `--revert` or `--accept` would refuse.
struct DecisionBody {
    var version: DocumentVersion
    var requests: [ReviewRequest]

    init(json text: String) throws(ReviewError) {
        let json: JSONValue
        do {
            json = try JSONValueParser.parse(text)
        } catch {
            throw ReviewError(.malformedCorrection, "the decision is not JSON (\(error))")
        }
        guard let version = json["version"]?.stringValue, !version.isEmpty else {
            throw ReviewError(
                .malformedCorrection, "the decision carries no version of the document it was made on; reload the page")
        }
        guard let decisions = json["decisions"]?.arrayValue, !decisions.isEmpty else {
            throw ReviewError(.malformedCorrection, "the request holds no decisions")
        }
        self.version = DocumentVersion(token: version)
        requests = []
        for decision in decisions {
            requests.append(try Self.request(decision))
        }
    }

    private static func request(_ decision: JSONValue) throws(ReviewError) -> ReviewRequest {
        let target = decision["field"]?.stringValue.map { field in
            decision["form"]?.intValue.map { "\(FormFileName.stem(form: $0)):\(field)" } ?? field
        }
        switch decision["action"]?.stringValue {
        case "set":
            guard let target, let value = decision["value"]?.stringValue else {
                throw ReviewError(.malformedCorrection, "a set decision needs a field and a value (text)")
            }
            return try ReviewRequest.parseSet("\(target)=\(value)")
        case "confirm":
            guard let target else { throw ReviewError(.malformedCorrection, "a confirm decision needs a field") }
            return try ReviewRequest.parseConfirm(target)
        case "revert":
            guard let repair = decision["repair"]?.stringValue else {
                throw ReviewError(.malformedCorrection, "a revert decision needs the repair id, such as R12")
            }
            return try ReviewRequest.parseRevert(repair)
        case "accept":
            return .accept
        default:
            throw ReviewError(
                .malformedCorrection, "unknown action \(decision["action"]?.compact() ?? "(none)"): use set, confirm, revert or accept")
        }
    }
}
