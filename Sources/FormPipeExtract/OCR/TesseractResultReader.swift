import CTesseract

/// Walks a `TessResultIterator` symbol by symbol and builds words with their symbols, boxes,
/// confidences and (when asked) alternatives.
///
/// Every C string Tesseract hands out is copied and freed in `take(_:)`; the iterator itself
/// belongs to the caller, and choice iterators are deleted right after they are read.
struct TesseractResultReader {
    let iterator: OpaquePointer
    let alternatives: Bool

    func words() -> [OCRWord] {
        guard let page = TessResultIteratorGetPageIteratorConst(iterator) else { return [] }
        var words: [OCRWord] = []
        var line = -1
        var current: OCRWord?
        repeat {
            // An empty page still starts an iteration; a NULL word text means nothing was read.
            if TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0 { line += 1 }
            if TessPageIteratorIsAtBeginningOf(page, RIL_WORD) != 0 {
                if let word = current { words.append(word) }
                current = nil
                if let text = take(TessResultIteratorGetUTF8Text(iterator, RIL_WORD)), let box = box(page, RIL_WORD) {
                    let confidence = Double(TessResultIteratorConfidence(iterator, RIL_WORD)) / 100
                    current = OCRWord(text: text, confidence: confidence, box: box, line: max(line, 0), symbols: [])
                }
            }
            if current != nil, let text = take(TessResultIteratorGetUTF8Text(iterator, RIL_SYMBOL)),
                let box = box(page, RIL_SYMBOL)
            {
                let confidence = Double(TessResultIteratorConfidence(iterator, RIL_SYMBOL)) / 100
                current?.symbols.append(
                    OCRSymbol(text: text, confidence: confidence, box: box, alternatives: alternatives ? choices() : [])
                )
            }
        } while TessResultIteratorNext(iterator, RIL_SYMBOL) != 0
        if let word = current { words.append(word) }
        return words
    }

    /// The alternatives for the current symbol, best first, confidences 0…1.
    ///
    /// The corresponding C functions are `TessResultIteratorGetChoiceIterator`,
    /// `TessChoiceIteratorGetUTF8Text` (a string owned by the iterator, not freed here) and
    /// `TessChoiceIteratorConfidence`.
    private func choices() -> [OCRChoice] {
        guard let choice = TessResultIteratorGetChoiceIterator(iterator) else { return [] }
        defer { TessChoiceIteratorDelete(choice) }
        var result: [OCRChoice] = []
        repeat {
            guard let text = TessChoiceIteratorGetUTF8Text(choice) else { continue }
            let confidence = Double(TessChoiceIteratorConfidence(choice)) / 100
            result.append(OCRChoice(text: String(cString: text), confidence: min(1, max(0, confidence))))
        } while TessChoiceIteratorNext(choice) != 0
        return result
    }

    private func box(_ page: OpaquePointer, _ level: TessPageIteratorLevel) -> PixelBox? {
        var left: Int32 = 0
        var top: Int32 = 0
        var right: Int32 = 0
        var bottom: Int32 = 0
        guard TessPageIteratorBoundingBox(page, level, &left, &top, &right, &bottom) != 0 else { return nil }
        return PixelBox(x0: Int(left), y0: Int(top), x1: Int(right), y1: Int(bottom))
    }

    /// Copies a string Tesseract allocated and frees it: the one place `TessDeleteText` is called.
    private func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        defer { TessDeleteText(pointer) }
        let text = String(cString: pointer)
        return text.isEmpty ? nil : text
    }
}
