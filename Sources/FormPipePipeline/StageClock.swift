import Foundation

/// Wall time per pipeline stage, for the manifest.
struct StageClock {
    private var start = DispatchTime.now().uptimeNanoseconds
    private var last = DispatchTime.now().uptimeNanoseconds
    private(set) var laps: [(stage: String, milliseconds: Double)] = []

    mutating func lap(_ stage: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append((stage, Double(now - last) / 1e6))
        last = now
    }

    var total: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 }
}
