extension String {
    /// Control characters written as Swift escapes (`\n`, `\0`, `\u{1B}`), so that a file name or
    /// key quoted in a message keeps the message on one line, cannot move a terminal's cursor or
    /// change its colours, and shows what is really there. Other text is left as it is.
    public var withVisibleControlCharacters: String {
        guard unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return self }
        return unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }.joined()
    }
}
