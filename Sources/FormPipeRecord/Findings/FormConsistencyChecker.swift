import FormPipeCore
import FormPipeRepair

/// Checks the form's own arithmetic and units on the repaired values. What it finds is
/// reported, never changed: the record keeps what the form printed.
struct FormConsistencyChecker {
    let sawTotalRow: Bool

    func check(_ record: FormRecord, log: inout RepairCollector) {
        checkRequiredFields(record, log: &log)
        checkExecutionRates(record, log: &log)
        checkFundsSum(record, log: &log)
        checkTotals(record, log: &log)
        checkScoresAgainstWeights(record, log: &log)
        checkCostUnits(record, log: &log)
    }

    private func checkRequiredFields(_ record: FormRecord, log: inout RepairCollector) {
        for (key, value) in [("projectName", record.projectName), ("department", record.department), ("implementingUnit", record.implementingUnit)]
        where value.isEmpty {
            log.report(rule: "missing-field", fields: [key], message: "\(key) is empty: the form's cell was blank or not found")
        }
        if record.year == nil {
            log.report(rule: "missing-field", fields: ["year"], message: "no \"( YYYY 年度 )\" line was found under the title")
        }
        if record.indicators.isEmpty {
            log.report(rule: "missing-field", fields: ["indicators"], message: "no indicator rows were found")
        }
    }

    /// 执行率 should be 全年执行数 ÷ 全年预算数; a whole-percent rounding is not a finding.
    private func checkExecutionRates(_ record: FormRecord, log: inout RepairCollector) {
        for (index, row) in record.funds.enumerated() {
            guard let rate = row.executionRate, let executed = row.executed, let budget = row.annualBudget, budget.value > 0
            else { continue }
            let computed = executed.value / budget.value * 100
            if abs(computed.rounded() - rate.value) >= 1 && abs(computed - rate.value) >= 0.5 {
                log.report(
                    rule: "execution-rate-mismatch",
                    fields: ["funds[\(index)].executionRate", "funds[\(index)].executed", "funds[\(index)].annualBudget"],
                    message: "\(row.item): 执行率 printed \(rate)% but \(executed) ÷ \(budget) = \(formatted(computed))%")
            }
        }
    }

    /// 年度资金总额 = the sum of the source rows (the three standard ones and any further rows
    /// the form prints), per column.
    private func checkFundsSum(_ record: FormRecord, log: inout RepairCollector) {
        guard record.funds.count >= 4 else { return }
        for key in ["initialBudget", "annualBudget", "executed"] {
            guard let total = record.funds[0][numeric: key] else { continue }
            let parts = record.funds[1...].compactMap { $0[numeric: key] }
            guard !parts.isEmpty else { continue }
            let sum = parts.reduce(0) { $0 + $1.value }
            if abs(sum - total.value) > 1e-6 * max(1, abs(total.value)) {
                log.report(
                    rule: "funds-total-mismatch", fields: record.funds.indices.map { "funds[\($0)].\(key)" },
                    message: "年度资金总额 \(key) is \(total) but its source rows add up to \(formatted(sum))")
            }
        }
    }

    private func checkTotals(_ record: FormRecord, log: inout RepairCollector) {
        guard sawTotalRow else {
            log.report(rule: "missing-total-row", fields: ["total"], message: "the form has no 总分 row")
            return
        }
        let weights = [record.funds.first?.weight].compactMap { $0 } + record.indicators.compactMap(\.weight)
        let scores = [record.funds.first?.score].compactMap { $0 } + record.indicators.compactMap(\.score)
        for (name, values, total) in [("weight", weights, record.total.weight), ("score", scores, record.total.score)] {
            guard let total, !values.isEmpty else { continue }
            let sum = values.reduce(0) { $0 + $1.value }
            if abs(sum - total.value) > 1e-6 {
                log.report(
                    rule: "\(name)s-total-mismatch", fields: ["total.\(name)"],
                    message: "the funds and indicator \(name)s add up to \(formatted(sum)) but the 总分 row prints \(total)")
            }
        }
    }

    private func checkScoresAgainstWeights(_ record: FormRecord, log: inout RepairCollector) {
        for (index, row) in record.funds.enumerated() {
            if let score = row.score, let weight = row.weight, score.value > weight.value {
                log.report(
                    rule: "score-above-weight", fields: ["funds[\(index)].score", "funds[\(index)].weight"],
                    message: "\(row.item): score \(score) is above its weight \(weight)")
            }
        }
        for (index, indicator) in record.indicators.enumerated() {
            if let score = indicator.score, let weight = indicator.weight, score.value > weight.value {
                log.report(
                    rule: "score-above-weight", fields: ["indicators[\(index)].score", "indicators[\(index)].weight"],
                    message: "\(indicator.level3): score \(score) is above its weight \(weight)")
            }
        }
    }

    /// A cost indicator whose target is in 万元 and actual in 元 (or the reverse) differs 10,000-fold.
    private func checkCostUnits(_ record: FormRecord, log: inout RepairCollector) {
        for (index, indicator) in record.indicators.enumerated() where indicator.level2 == "成本指标" {
            let targetUnit = Self.moneyUnit(indicator.target)
            let actualUnit = Self.moneyUnit(indicator.actual)
            if let targetUnit, let actualUnit, targetUnit != actualUnit {
                log.report(
                    rule: "cost-unit-mismatch", fields: ["indicators[\(index)].target", "indicators[\(index)].actual"],
                    message: "\(indicator.level3): target in \(targetUnit), actual in \(actualUnit)")
            }
        }
    }

    private static func moneyUnit(_ text: String) -> String? {
        if text.contains("万") { return "万元" }
        if text.contains("元") { return "元" }
        return nil
    }
}
