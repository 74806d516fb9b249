/// What the row rules (`PageBreakLabelRule`, `LostMergedLabelRule`) read and change of an
/// indicator: its two level labels. The record stage's `Indicator` conforms; the rules know no
/// more of the record than this, so the repair stage builds without it.
package protocol IndicatorLevels {
    var level1: String { get set }
    var level2: String { get set }
}
