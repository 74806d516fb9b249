/// The control characters no printed form holds; the core's, because both the label normalizer
/// (a NUL must not hide a label) and the repair that removes them (``ControlCharacterRule``) ask.
package enum ControlCharacters {
    /// C0 and C1 controls except line feed and tab; DEL; byte-order marks and the non-characters
    /// U+FFFE/U+FFFF that a wrongly decoded mark leaves.
    package static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00...0x1F, 0x7F...0x9F, 0xFEFF, 0xFFFE, 0xFFFF: true
        default: false
        }
    }
}
