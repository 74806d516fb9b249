/// The messages of `ocr-engine/ppocr_worker.py`'s protocol (described in that file).
extension PPOCREngine {
    package struct Ready: Decodable {
        package var ready: Bool
        var models: [String]?
        package var error: String?
    }

    package struct Request: Encodable {
        package var width: Int
        package var height: Int
        var ppi: Int
        var mode: String
        var allowed: String?
        var alternatives: Bool
    }

    struct BatchRequest: Encodable {
        var batch: [Request]
    }

    struct BatchResult: Decodable {
        var words: [Word]?
    }

    struct Choice: Decodable {
        var text: String
        var confidence: Double
    }

    struct Answer: Decodable {
        var words: [Word]?
        /// A batch's answers, one per image.
        var results: [BatchResult]?
        var error: String?
    }

    struct Symbol: Decodable {
        var text: String
        var confidence: Double
        var box: [Int]
        var alternatives: [Choice]?
    }

    struct Word: Decodable {
        var text: String
        var confidence: Double
        var box: [Int]
        var line: Int
        var symbols: [Symbol]

        var ocrWord: OCRWord {
            OCRWord(
                text: text, confidence: confidence, box: Self.pixelBox(box), line: line,
                symbols: symbols.map { symbol in
                    OCRSymbol(
                        text: symbol.text, confidence: symbol.confidence, box: Self.pixelBox(symbol.box),
                        alternatives: (symbol.alternatives ?? []).map { OCRChoice(text: $0.text, confidence: $0.confidence) })
                })
        }

        static func pixelBox(_ corners: [Int]) -> PixelBox {
            guard corners.count == 4 else { return PixelBox(x0: 0, y0: 0, x1: 0, y1: 0) }
            return PixelBox(x0: corners[0], y0: corners[1], x1: corners[2], y1: corners[3])
        }
    }
}
