import CTesseract
import Foundation
import FormPipeLayout
import Synchronization

/// Tells which way up a scanned page is, with Tesseract's orientation detector (OSD,
/// `osd.traineddata`): a page fed upside down or sideways is turned upright before its rulings
/// are looked for, so every later step sees the page as printed.
///
/// The one Swift owner of its own `TessBaseAPI *` (initialised with `osd` only), reachable only
/// through its mutex; one per process (``shared(dataPath:)``).
final class PageOrientationDetector: Sendable {
    /// An answer below this confidence leaves the page as it is: OSD on a clean upright page
    /// scores 10–20 for "upright", on a noisy one a few points; a page turned for nothing
    /// would lose everything, a page left turned is what formpipe did before.
    static let minimumConfidence: Float = 4.0

    private let handle: Mutex<OpaquePointer>

    /// nil when `osd.traineddata` is not in `dataPath`: then pages are taken as upright.
    /// The corresponding C functions are `TessBaseAPICreate` and `TessBaseAPIInit3`.
    init?(dataPath: String) {
        guard FileManager.default.fileExists(atPath: dataPath + "/osd.traineddata"),
            let handle = TessBaseAPICreate()
        else { return nil }
        guard TessBaseAPIInit3(handle, dataPath, "osd") == 0 else {
            TessBaseAPIDelete(handle)
            return nil
        }
        _ = TessBaseAPISetVariable(handle, "debug_file", "/dev/null")
        self.handle = Mutex(handle)
    }

    deinit {
        handle.withLock { handle in
            TessBaseAPIEnd(handle)
            TessBaseAPIDelete(handle)
        }
    }

    /// Quarter turns clockwise that make `image` upright (0 when it is, or when OSD cannot tell).
    /// The corresponding C function is `TessBaseAPIDetectOrientationScript`.
    func uprightingQuarterTurns(of image: GreyImage, ppi: Int) -> Int {
        guard image.width > 0, image.height > 0 else { return 0 }
        let (found, degrees, confidence) = handle.withLock { handle -> (Bool, Int32, Float) in
            var degrees: Int32 = 0
            var confidence: Float = 0
            let found = image.pixels.withUnsafeBufferPointer { pixels -> Bool in
                TessBaseAPISetPageSegMode(handle, PSM_OSD_ONLY)
                TessBaseAPISetImage(handle, pixels.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.width))
                TessBaseAPISetSourceResolution(handle, Int32(ppi))
                defer { TessBaseAPIClear(handle) }
                return TessBaseAPIDetectOrientationScript(handle, &degrees, &confidence, nil, nil) != 0
            }
            return (found, degrees, confidence)
        }
        guard found, confidence >= Self.minimumConfidence else { return 0 }
        // OSD reports the text's orientation counter-clockwise; undoing it is the same angle clockwise back.
        return (4 - Int(degrees) / 90 % 4) % 4
    }

    /// Detectors by data path; nil: no OSD model there.
    private static let cache = Mutex<[String: PageOrientationDetector?]>([:])

    /// The detector of this process for `dataPath`, created on first use.
    static func shared(dataPath: String) -> PageOrientationDetector? {
        cache.withLock { cache in
            if let detector = cache[dataPath] { return detector }
            let detector = PageOrientationDetector(dataPath: dataPath)
            cache[dataPath] = detector
            return detector
        }
    }
}

extension GreyImage {
    /// The image turned `quarters` × 90° clockwise (Leptonica's `pixRotateOrth`).
    func turned(quarters: Int) -> GreyImage {
        guard quarters % 4 != 0, let image = LeptonicaImage(self), let turned = image.rotated(quarters: quarters) else {
            return self
        }
        return turned.greyImage()
    }
}
