import FormPipeRepair

/// The row rules put displaced level labels back through this (`PageBreakLabelRule`,
/// `LostMergedLabelRule`).
extension Indicator: IndicatorLevels {}
