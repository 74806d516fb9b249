import FormPipeDefinition
import FormPipeRecord
import FormPipeRepair
import FormPipeEmit

/// The decision logic: turning a reviewer's request into a decision, applying decisions to the
/// records, and re-applying a ledger after the document was converted again.
extension ReviewDocument {
    /// Checks `request` against the document, applies it, and records it in the ledger.
    /// Throws without changing anything when the request does not fit the document.
    @discardableResult
    public mutating func decide(_ request: ReviewRequest, by reviewer: Reviewer) throws(ReviewError) -> ReviewDecision {
        let id = ledger.nextID
        let decision: ReviewDecision
        switch request {
        case .accept:
            decision = ReviewDecision(id: id, action: .accept, who: reviewer.name, when: reviewer.timestamp())
        case .set(let form, let field, let typed):
            let (form, kind) = try editableField(form, field)
            guard let value = kind.value(typed: typed) else {
                throw ReviewError(
                    .wrongType, "\(FormFileName.stem(form: form)):\(field) takes \(kind.expectation); '\(typed)' is not one")
            }
            decision = ReviewDecision(
                id: id, action: .set, form: form, field: field, value: value,
                previous: try records[form - 1].value(at: field), who: reviewer.name, when: reviewer.timestamp())
        case .confirm(let form, let field):
            let (form, _) = try editableField(form, field)
            let value = try records[form - 1].value(at: field)
            decision = ReviewDecision(
                id: id, action: .confirm, form: form, field: field, value: value, previous: value, who: reviewer.name,
                when: reviewer.timestamp())
        case .revert(let repairID):
            let (form, field, value) = try revertTarget(repairID)
            decision = ReviewDecision(
                id: id, action: .revert, form: form, field: field, value: value,
                previous: try records[form - 1].value(at: field), repair: repairID, who: reviewer.name,
                when: reviewer.timestamp())
        }
        try apply(decision)
        ledger.decisions.append(decision)
        return decision
    }

    /// Puts a decision's value into its field; `accept` changes no field.
    mutating func apply(_ decision: ReviewDecision) throws(ReviewError) {
        guard decision.changesField, let form = decision.form, let field = decision.field, let value = decision.value
        else {
            return
        }
        guard records.indices.contains(form - 1) else {
            throw ReviewError(.unknownForm, "\(name) has no \(FormFileName.stem(form: form)) (it has \(records.count) forms)")
        }
        try records[form - 1].setValue(value, at: field)
    }

    /// After a reconversion of the same input: applies the earlier ledger's field decisions to
    /// the fresh records in their original order. A decision that no longer fits (the new
    /// version of the converter found fewer indicator rows, say) is kept in the ledger with its
    /// `problem` set, and shown on the review page, rather than dropped.
    public mutating func reapply(_ earlier: ReviewLedger) {
        var decisions: [ReviewDecision] = []
        for var decision in earlier.decisions {
            decision.problem = nil
            do {
                try apply(decision)
            } catch {
                decision.problem = "not applied to the conversion of \(sha256.prefix(12)): \(error.message)"
            }
            decisions.append(decision)
        }
        ledger = ReviewLedger(document: name, source: sourceName, sha256: sha256, decisions: decisions)
    }

    /// The form a `--set` or `--confirm` means and the kind of its field, which must be one a
    /// reviewer may change.
    private func editableField(_ form: Int?, _ field: FieldPath) throws(ReviewError) -> (Int, FieldValueKind) {
        let form = try formNumber(form, for: field)
        let kind: FieldValueKind
        do {
            kind = try records[form - 1].fieldKind(at: field)
        } catch {
            throw ReviewError(error.code, "\(FormFileName.stem(form: form)):\(error.message)")
        }
        guard kind != .fixed else {
            throw ReviewError(
                .fixedField, "\(FormFileName.stem(form: form)):\(field) cannot be changed: the record format fixes it")
        }
        return (form, kind)
    }

    /// The form number a `--set` means: the one it names, or the only form of the document.
    private func formNumber(_ form: Int?, for field: FieldPath) throws(ReviewError) -> Int {
        guard let form else {
            guard records.count == 1 else {
                throw ReviewError(
                    .malformedCorrection,
                    "\(name) has \(records.count) forms: name one, as in form-01:\(field)=VALUE")
            }
            return 1
        }
        guard records.indices.contains(form - 1) else {
            throw ReviewError(
                .unknownForm,
                "\(name) has no \(FormFileName.stem(form: form)): its forms are form-01 to \(FormFileName.stem(form: records.count))")
        }
        return form
    }

    /// What `--revert` puts back: for a machine repair, the text the form printed in that field
    /// (the `before` of the field's first repair, since rules can chain on one field); for a
    /// reviewer's line, the value the field had before that decision.
    private func revertTarget(_ repairID: String) throws(ReviewError) -> (Int, FieldPath, FieldValue) {
        let reviewerLog = logWithDecisions()
        guard let repair = reviewerLog.repair(id: repairID) else {
            let ids = reviewerLog.repairs.map(\.id)
            let range = ids.isEmpty ? "it has no repairs" : "its repairs are \(ids.first!) to \(ids.last!)"
            throw ReviewError(.unknownRepair, "\(name) has no repair \(repairID) (\(range))")
        }
        guard repair.form != Repair.outsideForms else {
            throw ReviewError(
                .notRevertible, "\(repairID) is a cell of \(OutputFileName.tables), which review shows but does not correct")
        }
        guard records.indices.contains(repair.form - 1) else {
            throw ReviewError(.unknownForm, "\(repairID) is in form \(repair.form), which \(name) does not have")
        }
        let notRevertible = ReviewError(
            .notRevertible,
            "\(repairID) (\(repair.rule)) changed the whole row \(repair.field), not one value; "
                + "correct its cells with --set instead")
        guard let field = FieldPath(parsing: repair.field),
            let kind = try? records[repair.form - 1].fieldKind(at: field),
            kind != .fixed
        else { throw notRevertible }
        if repair.isReviewer,
            let decision = ledger.decisions.first(where: { $0.id == repair.line["decision"]?.stringValue }),
            let previous = decision.previous
        {
            return (repair.form, field, previous)
        }
        let printed =
            log.machineRepairs.first { $0.form == repair.form && $0.field == repair.field }?.before ?? repair.before
        guard let value = kind.value(printed: printed) else {
            throw ReviewError(
                .notRevertible,
                "\(repairID): the printed text '\(printed)' is not a value \(field) can hold (\(kind.expectation)); "
                    + "use --set")
        }
        return (repair.form, field, value)
    }
}
