import Foundation
import FormPipeCore
import FormPipeRecord

extension ScanCrops {
    /// The crops of a published document (`OUTBOX/NAME/review-crops.json`); none when it has none.
    public static func load(document name: String, outbox: URL) throws(ReviewError) -> ScanCrops {
        let folder = outbox.appendingPathComponent(name, isDirectory: true)
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(fileName).path) else {
            return ScanCrops()
        }
        do {
            return try ScanCrops(json: try JSONValueParser.parse(String(decoding: data, as: UTF8.self)))
        } catch let error as ReviewError {
            throw error
        } catch {
            throw ReviewError(.unreadableOutput, "\(name)/\(fileName) is not valid JSON (\(error))")
        }
    }

    /// The media type of a crop's bytes, for serving it.
    public static func contentType(of image: Data) -> String {
        mediaType(of: image)
    }
}
