/// Decides which cells of a scanner's OCR text layer are not worth keeping (placeholder).
enum TextLayerPlausibility {
    static func implausibleCells(in layout: PageLayout) -> [(table: Int, cell: Int)] { [] }
}

extension ScannedPageReader {
    func reRead(
        _ cells: [(table: Int, cell: Int)], of layout: PageLayout, image: GreyImage, columns: inout ColumnKindTracker,
        statistics: inout Statistics
    ) -> PageLayout { layout }
}
