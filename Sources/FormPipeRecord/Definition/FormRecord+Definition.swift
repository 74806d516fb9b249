import FormPipeDefinition

/// A record's values walked in the order its definition gives: what the JSON and XML writers
/// and the JSON reader go through, so none of them spells the record's shape out again.
extension FormRecord {
    public static let definition = FormDefinition.selfEvaluation

    /// One step of the walk: a value with its path, or the start and end of a group, list or row.
    package enum Visit {
        case value(RecordField, path: FieldPath, labelPath: String, FieldValue)
        case open(key: String, labelPath: String)
        case close
    }

    /// The record's values in definition order; a list's rows are opened with their element name.
    package func walk(_ visit: (Visit) throws -> Void) rethrows {
        for node in Self.definition.record {
            switch node {
            case .value(let field):
                try visit(.value(field, path: FieldPath([.key(field.key)]), labelPath: field.key, fieldValue([.key(field.key)])))
            case .group(let key, _, let fields):
                try visit(.open(key: key, labelPath: key))
                for field in fields {
                    let path: [FieldPath.Component] = [.key(key), .key(field.key)]
                    try visit(.value(field, path: FieldPath(path), labelPath: "\(key).\(field.key)", fieldValue(path)))
                }
                try visit(.close)
            case .list(let key, _, let element, _, let fields):
                try visit(.open(key: key, labelPath: key))
                for index in 0..<listCount(key) {
                    try visit(.open(key: element, labelPath: ""))
                    for field in fields {
                        let path: [FieldPath.Component] = [.key(key), .index(index), .key(field.key)]
                        try visit(.value(field, path: FieldPath(path), labelPath: "\(key).\(field.key)", fieldValue(path)))
                    }
                    try visit(.close)
                }
                try visit(.close)
            }
        }
    }

    /// The value at a path the definition names; the walk never names another.
    private func fieldValue(_ components: [FieldPath.Component]) -> FieldValue {
        (try? value(at: FieldPath(components))) ?? .null
    }
}
