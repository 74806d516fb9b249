/// The 项目支出绩效自评表 as data: `shared/docs/record-format.md` (contract v2) in one place.
///
/// Labels are written normalized (`LabelText.normalized`): no spaces, half-width parentheses,
/// no trailing colon, no "(NN分)" or "等" suffix. To accept a new printed synonym, add it to
/// its `LabelledKey`; the first label of each is the one the record and review print.
extension FormDefinition {
    public static let selfEvaluation = FormDefinition(
        formType: "项目支出绩效自评表",
        titles: ["部门预算项目支出绩效自评表", "财政项目支出绩效自评表", "项目支出绩效自评表", "绩效目标自评表"],
        record: [
            .value(RecordField("formType", label: "标题", .fixed, note: "Always 项目支出绩效自评表 for this kind, whichever title the form prints.")),
            .value(RecordField("title", label: "标题", .text, note: "The title as printed, without a year or an 附件 line.")),
            .value(RecordField("year", label: "年度", .integer, note: "The year printed under or in the title.")),
            .value(RecordField("projectName", label: "项目名称", .text)),
            .value(RecordField("department", label: "主管部门", .text)),
            .value(RecordField("implementingUnit", label: "实施单位", .text)),
            .value(RecordField("projectLead", label: "项目负责人", .optionalText, note: "Absent when the cell is blank.")),
            .value(RecordField("phone", label: "联系电话", .optionalText, note: "Digits as printed, no spaces; absent when blank.")),
            .value(RecordField("fundsUnit", label: "项目资金", .text, note: "万元 or 元, the unit the 项目资金 label names.")),
            .list(
                key: "funds", label: "项目资金", element: "row", minimum: 4,
                fields: [
                    RecordField("item", label: nil, .fixed),
                    RecordField("initialBudget", label: "年初预算数", .number),
                    RecordField("annualBudget", label: "全年预算数", .number),
                    RecordField("executed", label: "全年执行数", .number),
                    RecordField("weight", label: "分值", .number),
                    RecordField("executionRate", label: "执行率", .number),
                    RecordField("score", label: "得分", .number),
                ]),
            .group(
                key: "goals", label: "年度总体目标",
                fields: [
                    RecordField("expected", label: "预期目标", .text), RecordField("actual", label: "实际完成情况", .text),
                ]),
            .list(
                key: "indicators", label: "绩效指标", element: "indicator", minimum: 0,
                fields: [
                    RecordField("level1", label: "一级指标", .text), RecordField("level2", label: "二级指标", .text),
                    RecordField("level3", label: "三级指标", .text), RecordField("target", label: "年度指标值", .text),
                    RecordField("actual", label: "实际完成值", .text), RecordField("weight", label: "分值", .number),
                    RecordField("score", label: "得分", .number),
                    RecordField("deviation", label: "偏差原因分析及改进措施", .optionalText),
                ]),
            .group(
                key: "total", label: "总分",
                fields: [RecordField("weight", label: "分值", .number), RecordField("score", label: "得分", .number)]),
            .value(RecordField("grade", label: "评价等级", .optionalText, note: "The grade beside 总分 or in a 评价等级 cell.")),
            .value(RecordField("remarks", label: "其他需要说明事项", .optionalText)),
            .value(RecordField("conclusion", label: "评价结论", .optionalText)),
            .value(RecordField("problems", label: "存在问题", .optionalText)),
            .value(RecordField("improvements", label: "改进措施", .optionalText)),
        ],
        headerFields: [
            LabelledKey("projectName", "项目名称"),
            LabelledKey("department", "主管部门", "主管单位", "主管部门(单位)"),
            LabelledKey("implementingUnit", "实施单位", "项目实施单位"),
            LabelledKey("projectLead", "项目负责人"),
            LabelledKey("phone", "联系电话", "联系方式"),
            // One merged cell holding both: "谢凯 13990260322(办公)".
            LabelledKey("projectLeadAndPhone", "项目负责人及电话", "项目负责人及联系电话", "项目负责人及联系方式"),
        ],
        headerRows: [["projectName"], ["department", "implementingUnit"], ["projectLead", "phone"]],
        funds: FundsLayout(
            blockLabels: ["项目资金", "项目资金(万元)", "项目资金(元)", "项目资金情况"],
            units: ["万元", "元"],
            rows: [
                LabelledKey("年度资金总额", "年度资金总额", "资金总额", "总额", "年度资金总计", "合计"),
                LabelledKey("当年财政拨款", "当年财政拨款", "本年财政拨款", "财政拨款", "财政资金", "当年财政资金"),
                LabelledKey("上年结转资金", "上年结转资金", "上年结转", "上年结余结转资金"),
                LabelledKey("其他资金", "其他资金"),
            ],
            columns: [
                LabelledKey("initialBudget", "年初预算数", "年初预算"),
                LabelledKey("annualBudget", "全年预算数", "全年预算数(A)", "调整预算数", "调整后预算数", "全年预算", "调整后预算"),
                LabelledKey("executed", "全年执行数", "全年执行数(B)", "预算执行数", "执行数", "实际执行数"),
                LabelledKey("weight", "分值", "权重"),
                LabelledKey("executionRate", "执行率", "执行率(B/A)", "预算执行率"),
                LabelledKey("score", "得分"),
            ]),
        goals: [
            LabelledKey("expected", "预期目标", "年初设定目标", "项目年度目标", "年度目标"),
            LabelledKey("actual", "实际完成情况", "年度总体目标完成情况综述", "年度目标完成情况", "目标完成情况"),
        ],
        indicatorColumns: [
            LabelledKey("level1", "一级指标"),
            LabelledKey("level2", "二级指标"),
            LabelledKey("level3", "三级指标"),
            LabelledKey("target", "年度指标值", "年度目标值", "指标值(年度)"),
            LabelledKey("targetNature", "指标性质"),
            LabelledKey("targetValue", "指标值"),
            LabelledKey("targetUnit", "度量单位", "计量单位"),
            LabelledKey("actual", "实际完成值", "全年实际值", "实际完成情况", "全年完成值"),
            LabelledKey("weight", "分值", "权重"),
            LabelledKey("score", "得分"),
            LabelledKey("deviation", "偏差原因分析及改进措施", "未完成原因及拟采取的改进措施", "未完成原因分析", "偏差原因分析", "偏差原因"),
        ],
        footerRows: [
            LabelledKey("remarks", "其他需要说明事项", "其他需要说明的事项", "其他说明事项"),
            LabelledKey("grade", "评价等级", "自评等级"),
            LabelledKey("conclusion", "评价结论", "自评结论"),
            LabelledKey("problems", "存在问题", "存在的问题", "主要问题"),
            LabelledKey("improvements", "改进措施", "改进意见", "整改措施"),
        ],
        vocabulary: [
            ("产出指标", ["数量指标", "质量指标", "时效指标", "成本指标", "经济成本指标"]),
            ("效益指标", ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]),
            ("满意度指标", ["服务对象满意度指标"]),
            ("成本指标", ["经济成本指标", "社会成本指标", "生态环境成本指标"]),
        ],
        recognition: Recognition(
            shared: [
                ("项目名称", ["项目名称"]),
                ("主管部门", ["主管部门"]),
                ("实施单位", ["实施单位"]),
                ("项目资金", ["项目资金", "年度资金总额", "资金总额"]),
                ("绩效指标", ["绩效指标", "一级指标", "二级指标", "三级指标"]),
                ("总体目标", ["年度总体目标", "总体目标", "预期目标", "年初设定目标", "项目年度目标"]),
            ],
            // What was spent, what was achieved, what it scored: only a self-evaluation prints these.
            ownKind: [
                ("执行", ["全年执行数", "预算执行数", "执行数", "执行率", "预算执行率"]),
                ("实际完成", ["实际完成值", "全年实际值", "实际完成情况", "年度总体目标完成情况", "年度目标完成情况", "实际值"]),
                ("得分", ["得分"]),
                ("总分", ["总分"]),
                ("偏差原因", ["偏差原因分析及改进措施", "未完成原因及拟采取的改进措施", "未完成原因分析", "偏差原因"]),
            ]))
}
