import Foundation
import Testing

@testable import FormPipeCore
@testable import FormPipeLayout
@testable import FormPipeRecord
@testable import FormPipeReview

/// The decision logic: what `--set`, `--revert` and `--accept` accept, what they put in the
/// record and the ledger, and what they refuse without changing anything.
struct ReviewDecisionTests {
    @Test(arguments: [
        ("funds[0].executed", "funds[0].executed"), ("projectName", "projectName"),
        ("indicators[11].level2", "indicators[11].level2"), ("goals.expected", "goals.expected"),
        ("total.score", "total.score"),
    ])
    func fieldPathsRoundTrip(text: String, written: String) throws {
        let path = try #require(FieldPath(parsing: text))
        #expect(path.description == written)
    }

    @Test(arguments: [
        "", "funds[", "funds[x].executed", "funds[-1].executed", ".projectName", "funds..executed",
        "[0]", "funds[0]executed", "1abc", "projectName.", "funds[0].exec uted",
    ])
    func malformedFieldPathsAreRejected(text: String) {
        #expect(FieldPath(parsing: text) == nil)
    }

    @Test(
        arguments: [
            ("form-01:funds[0].executed=43.5076", 1, "funds[0].executed", "43.5076"),
            ("form-12:indicators[3].target=≥95%", 12, "indicators[3].target", "≥95%"),
            ("form-1:goals.actual=a=b:c", 1, "goals.actual", "a=b:c"),
            ("phone=", nil, "phone", ""),
        ] as [(String, Int?, String, String)])
    func setArgumentsParse(argument: String, form: Int?, field: String, typed: String) throws {
        let request = try ReviewRequest.parseSet(argument)
        #expect(request == .set(form: form, field: FieldPath(parsing: field)!, typed: typed))
    }

    @Test(arguments: ["funds[0].executed", "form-01:funds[0]executed=1", "sheet-1:projectName=x", "form-01:=3"])
    func malformedSetArgumentsAreUsageErrors(argument: String) {
        #expect {
            try ReviewRequest.parseSet(argument)
        } throws: { error in
            (error as? ReviewError)?.code == .malformedCorrection && (error as? ReviewError)?.exitCode == 2
        }
    }

    @Test func setStoresTheTypedValueAndThePreviousOne() throws {
        var document = try ReviewFixtures.document()
        let decision = try document.decide(
            .set(form: 1, field: FieldPath(parsing: "funds[0].executed")!, typed: "43.5076"),
            by: ReviewFixtures.reviewer)
        #expect(document.records[0].funds[0].executed?.literal == "43.5076")
        #expect(decision.previous == .number(ReviewFixtures.number("48")))
        #expect(decision.who == "tester")
        #expect(decision.when.hasPrefix("2023-11-14T"))
        #expect(document.ledger.decisions.map(\.id) == ["D1"])
    }

    @Test(arguments: [
        ("funds[0].executed", "4 3"), ("funds[0].executed", "约5"), ("funds[0].executed", "1e3x"),
        ("year", "2022.5"), ("year", "二〇二二"), ("total.score", "ninety"),
    ])
    func valuesOfTheWrongTypeAreRefusedAndChangeNothing(field: String, typed: String) throws {
        var document = try ReviewFixtures.document()
        let before = document.records
        #expect {
            try document.decide(
                .set(form: 1, field: FieldPath(parsing: field)!, typed: typed), by: ReviewFixtures.reviewer)
        } throws: { error in
            let error = error as? ReviewError
            return error?.code == .wrongType && error?.message.contains(field) == true && error?.exitCode == 1
        }
        #expect(document.records == before)
        #expect(document.ledger.decisions.isEmpty)
    }

    @Test(arguments: [
        ("funds[4].executed", ReviewError.Code.unknownField), ("indicators[2].level1", .unknownField),
        ("funds[0].spent", .unknownField), ("goals", .unknownField), ("formType", .fixedField),
        ("funds[1].item", .fixedField),
    ])
    func unknownAndFixedFieldsAreRefused(field: String, code: ReviewError.Code) throws {
        var document = try ReviewFixtures.document()
        #expect {
            try document.decide(
                .set(form: 1, field: FieldPath(parsing: field)!, typed: "1"), by: ReviewFixtures.reviewer)
        } throws: { error in
            (error as? ReviewError)?.code == code && (error as? ReviewError)?.message.contains(field) == true
        }
    }

    @Test func blanksAndPercentsAreTypedAsTheContractSays() throws {
        var document = try ReviewFixtures.document()
        try document.decide(
            .set(form: 1, field: FieldPath(parsing: "projectLead")!, typed: ""), by: ReviewFixtures.reviewer)
        try document.decide(
            .set(form: 1, field: FieldPath(parsing: "funds[0].executionRate")!, typed: "96%"),
            by: ReviewFixtures.reviewer)
        try document.decide(
            .set(form: 1, field: FieldPath(parsing: "funds[0].score")!, typed: ""), by: ReviewFixtures.reviewer)
        try document.decide(
            .set(form: 1, field: FieldPath(parsing: "year")!, typed: "2023"), by: ReviewFixtures.reviewer)
        #expect(document.records[0].projectLead == nil)
        #expect(document.records[0].funds[0].executionRate?.literal == "96")
        #expect(document.records[0].funds[0].score == nil)
        #expect(document.records[0].year == 2023)
    }

    @Test func theFormMayBeLeftOutOnlyForAOneFormDocument() throws {
        var document = try ReviewFixtures.document()
        try document.decide(
            .set(form: nil, field: FieldPath(parsing: "phone")!, typed: "123"), by: ReviewFixtures.reviewer)
        #expect(document.records[0].phone == "123")
        #expect {
            try document.decide(
                .set(form: 2, field: FieldPath(parsing: "phone")!, typed: "1"), by: ReviewFixtures.reviewer)
        } throws: { ($0 as? ReviewError)?.code == .unknownForm }
    }

    @Test func revertPutsBackWhatTheFormPrintedEvenThroughAChainOfRepairs() throws {
        var document = try ReviewFixtures.document()
        let decision = try document.decide(.revert(repair: "R3"), by: ReviewFixtures.reviewer)
        // R2 and R3 both repaired the field; what was printed is R2's before.
        #expect(document.records[0].indicators[0].target == "12 月底前 完成")
        #expect(decision.action == .revert && decision.repair == "R3")
        #expect(decision.previous == .text("12月底前完成"))
    }

    @Test func revertOfANumberReadsThePrintedDigits() throws {
        var document = try ReviewFixtures.document()
        try document.decide(
            .set(form: 1, field: FieldPath(parsing: "funds[0].initialBudget")!, typed: "5"), by: ReviewFixtures.reviewer
        )
        try document.decide(.revert(repair: "R1"), by: ReviewFixtures.reviewer)
        #expect(document.records[0].funds[0].initialBudget?.literal == "587.049060")
    }

    @Test func revertOfAFillDownLeavesTheCellBlank() throws {
        var document = try ReviewFixtures.document()
        try document.decide(.revert(repair: "r5"), by: ReviewFixtures.reviewer)
        #expect(document.records[0].indicators[1].level1 == "")
    }

    @Test func revertOfAReviewerLineUndoesThatDecision() throws {
        var document = try ReviewFixtures.document()
        try document.decide(
            .set(form: 1, field: FieldPath(parsing: "projectName")!, typed: "错的名称"), by: ReviewFixtures.reviewer)
        let reviewerLine = try #require(document.logWithDecisions().repairs.last)
        #expect(reviewerLine.id == "R6" && reviewerLine.isReviewer)
        try document.decide(.revert(repair: "R6"), by: ReviewFixtures.reviewer)
        #expect(document.records[0].projectName == "京蒙东西部协作项目")
    }

    @Test func wholeRowRepairsAndUnknownIdsCannotBeReverted() throws {
        var document = try ReviewFixtures.document()
        #expect {
            try document.decide(.revert(repair: "R4"), by: ReviewFixtures.reviewer)
        } throws: {
            ($0 as? ReviewError)?.code == .notRevertible && ($0 as? ReviewError)?.message.contains("--set") == true
        }
        #expect {
            try document.decide(.revert(repair: "R99"), by: ReviewFixtures.reviewer)
        } throws: {
            ($0 as? ReviewError)?.code == .unknownRepair && ($0 as? ReviewError)?.message.contains("R1 to R5") == true
        }
        #expect(document.ledger.decisions.isEmpty)
    }

    @Test func acceptMarksReviewedWithoutTouchingFields() throws {
        var document = try ReviewFixtures.document()
        let before = document.records
        try document.decide(.accept, by: ReviewFixtures.reviewer)
        #expect(document.records == before)
        #expect(document.ledger.isReviewed)
        #expect(document.ledger.acceptance?.who == "tester")
        #expect(document.logWithDecisions().repairs.count == 5)
    }

    @Test func theRepairLogKeepsTheMachineLinesAndAddsTheReviewers() throws {
        var document = try ReviewFixtures.document()
        let machineText = document.log.text
        try document.decide(
            .set(form: 1, field: FieldPath(parsing: "funds[0].initialBudget")!, typed: "587.04906"),
            by: ReviewFixtures.reviewer)
        let log = document.logWithDecisions()
        #expect(log.text.hasPrefix(machineText.split(separator: "\n").prefix(5).joined(separator: "\n")))
        let line = try #require(log.repairs.last)
        #expect(line.rule == "reviewer" && line.confidence == 1 && line.id == "R6")
        #expect(line.before == "587.049060" && line.after == "587.04906")
        // The reviewer's line points at the machine repair's cell, so it shares the crop.
        #expect(line.page == 1 && line.bbox == BoundingBox(x0: 10, y0: 20, x1: 60, y1: 40))
        #expect(log.findings.map(\.id) == ["F1"])
        #expect(log.text.split(separator: "\n").last?.contains("\"F1\"") == true)
    }

    @Test func decisionsAreReappliedToAFreshConversionOfTheSameFile() throws {
        var reviewed = try ReviewFixtures.document()
        try reviewed.decide(
            .set(form: 1, field: FieldPath(parsing: "funds[0].executed")!, typed: "43.5076"),
            by: ReviewFixtures.reviewer)
        try reviewed.decide(.revert(repair: "R3"), by: ReviewFixtures.reviewer)
        try reviewed.decide(
            .set(form: 1, field: FieldPath(parsing: "indicators[1].score")!, typed: "5"), by: ReviewFixtures.reviewer)
        let ledger = try ReviewLedger(json: JSONValueParser.parse(reviewed.ledger.json.pretty()))

        var fresh = try ReviewFixtures.document()
        fresh.reapply(ledger)
        #expect(fresh.records == reviewed.records)
        #expect(fresh.ledger.decisions.count == 3)
        #expect(fresh.ledger.decisions.allSatisfy { $0.problem == nil })
        #expect(fresh.logWithDecisions().text == reviewed.logWithDecisions().text)
    }

    @Test func aDecisionThatNoLongerFitsIsKeptWithItsProblem() throws {
        var reviewed = try ReviewFixtures.document()
        try reviewed.decide(
            .set(form: 1, field: FieldPath(parsing: "indicators[1].score")!, typed: "5"), by: ReviewFixtures.reviewer)
        var fresh = try ReviewFixtures.document()
        fresh.records[0].indicators.removeLast()
        fresh.reapply(reviewed.ledger)
        let decision = try #require(fresh.ledger.decisions.first)
        #expect(decision.problem?.contains("indicators[1].score") == true)
        let reviewerLines = fresh.logWithDecisions().repairs.filter(\.isReviewer)
        #expect(reviewerLines.isEmpty)
    }
}
