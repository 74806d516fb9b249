import Testing
@testable import FormPipeDaemon

/// The readiness state machine, driven with a fake clock: instants are offsets from `t0`.
struct DaemonReadinessTests {
    typealias Tracker = ReadinessTracker<String>
    private let t0 = ContinuousClock.now
    private func at(_ seconds: Double) -> ContinuousClock.Instant { t0 + .milliseconds(Int64(seconds * 1000)) }

    private func file(size: Int64, modified: Int64 = 1, pdf: FileSnapshot.PDFCompleteness = .notPDF) -> FileSnapshot {
        FileSnapshot(kind: .regular, size: size, modified: modified, pdf: pdf)
    }

    private func tracker() -> Tracker { Tracker(settle: .seconds(2), incompletePDFWait: .seconds(20)) }

    @Test func aQuietFileIsReadyAfterOneSettlePeriod() {
        var tracker = tracker()
        #expect(tracker.noticed("a.pdf", at: at(0)) == [.probe("a.pdf")])
        #expect(tracker.probed("a.pdf", snapshot: file(size: 10), at: at(0)) == [])
        #expect(tracker.tick(at: at(1.9)) == [])
        #expect(tracker.tick(at: at(2)) == [.probe("a.pdf")])
        #expect(tracker.probed("a.pdf", snapshot: file(size: 10), at: at(2)) == [.ready("a.pdf")])
        #expect(tracker.nextReady() == "a.pdf")
        #expect(tracker.nextReady() == nil)
        tracker.claimEnded("a.pdf")
        #expect(tracker.count == 0)
    }

    /// Files found together (one rescan, one burst) are claimed in name order on every run, so
    /// same-stem files get the same output folders each time.
    @Test func namesDueTogetherBecomeReadyInNameOrder() {
        var tracker = tracker()
        let names = ["s4.txt", "s4.html", "s4.pdf", "n_1.txt", "n\n1.txt"]
        for name in tracker.rescanned(present: Set(names), at: at(0)).compactMap({ if case .probe(let name) = $0 { name } else { nil } }) {
            _ = tracker.probed(name, snapshot: file(size: 10), at: at(0))
        }
        let probes = tracker.tick(at: at(2))
        #expect(probes == names.sorted().map { .probe($0) })
        // The daemon answers each probe as the tick lists it.
        for case .probe(let name) in probes { _ = tracker.probed(name, snapshot: file(size: 10), at: at(2)) }
        var claimed: [String] = []
        while let name = tracker.nextReady() { claimed.append(name) }
        #expect(claimed == names.sorted())
    }

    @Test func eventsRestartTheSettleTime() {
        var tracker = tracker()
        _ = tracker.noticed("a.txt", at: at(0))
        _ = tracker.probed("a.txt", snapshot: file(size: 10), at: at(0))
        #expect(tracker.noticed("a.txt", at: at(1.5)) == [])
        #expect(tracker.tick(at: at(2)) == [])
        #expect(tracker.tick(at: at(3.5)) == [.probe("a.txt")])
    }

    /// The daemon sleeps until the earliest settling name is due, so no tick interval is added to
    /// a file's latency.
    @Test func theNextLookIsDueOneSettlePeriodAfterTheLastActivity() {
        var tracker = tracker()
        #expect(tracker.nextLookDue == nil)
        _ = tracker.noticed("a.txt", at: at(0))
        #expect(tracker.nextLookDue == nil)  // probing: the look is being taken now
        _ = tracker.probed("a.txt", snapshot: file(size: 10), at: at(0))
        #expect(tracker.nextLookDue == at(2))
        _ = tracker.noticed("b.txt", at: at(0.5))
        _ = tracker.probed("b.txt", snapshot: file(size: 10), at: at(0.5))
        _ = tracker.noticed("a.txt", at: at(1))
        #expect(tracker.nextLookDue == at(2.5))
        _ = tracker.tick(at: at(2.5))
        #expect(tracker.probed("b.txt", snapshot: file(size: 10), at: at(2.5)) == [.ready("b.txt")])
        #expect(tracker.nextLookDue == at(3))
    }

    @Test func aGrowingFileIsNotReady() {
        var tracker = tracker()
        _ = tracker.noticed("a.txt", at: at(0))
        _ = tracker.probed("a.txt", snapshot: file(size: 10), at: at(0))
        _ = tracker.tick(at: at(2))
        #expect(tracker.probed("a.txt", snapshot: file(size: 20, modified: 2), at: at(2)) == [])
        #expect(tracker.tick(at: at(3)) == [])
        #expect(tracker.tick(at: at(4)) == [.probe("a.txt")])
        #expect(tracker.probed("a.txt", snapshot: file(size: 20, modified: 2), at: at(4)) == [.ready("a.txt")])
    }

    /// A writer without events (network share, polling mode) changing only the mtime.
    @Test func aChangedModificationTimeAloneRestartsTheWait() {
        var tracker = tracker()
        _ = tracker.rescanned(present: ["a.txt"], at: at(0))
        _ = tracker.probed("a.txt", snapshot: file(size: 10, modified: 1), at: at(0))
        _ = tracker.tick(at: at(2))
        #expect(tracker.probed("a.txt", snapshot: file(size: 10, modified: 5), at: at(2)) == [])
    }

    @Test func anEventDuringAProbeMakesItsResultStale() {
        var tracker = tracker()
        _ = tracker.noticed("a.txt", at: at(0))
        _ = tracker.probed("a.txt", snapshot: file(size: 10), at: at(0))
        #expect(tracker.tick(at: at(2)) == [.probe("a.txt")])
        _ = tracker.noticed("a.txt", at: at(2.1))
        #expect(tracker.probed("a.txt", snapshot: file(size: 10), at: at(2.2)) == [])
        #expect(tracker.tick(at: at(4.1)) == [.probe("a.txt")])
    }

    @Test func aPDFWithoutItsTrailerWaitsThenIsTakenAnyway() {
        var tracker = tracker()
        _ = tracker.noticed("a.pdf", at: at(0))
        _ = tracker.probed("a.pdf", snapshot: file(size: 10, pdf: .missingTrailer), at: at(0))
        _ = tracker.tick(at: at(2))
        #expect(tracker.probed("a.pdf", snapshot: file(size: 10, pdf: .missingTrailer), at: at(2)) == [])
        var now = 2.0
        var result: [Tracker.Action] = []
        while result.isEmpty, now < 60 {
            now += 2
            guard tracker.tick(at: at(now)) == [.probe("a.pdf")] else { continue }
            result = tracker.probed("a.pdf", snapshot: file(size: 10, pdf: .missingTrailer), at: at(now))
        }
        #expect(result == [.ready("a.pdf")])
        #expect(now >= 20)
    }

    @Test func aPDFWhoseTrailerArrivesIsTakenAtOnce() {
        var tracker = tracker()
        _ = tracker.noticed("a.pdf", at: at(0))
        _ = tracker.probed("a.pdf", snapshot: file(size: 10, pdf: .missingTrailer), at: at(0))
        _ = tracker.tick(at: at(2))
        _ = tracker.probed("a.pdf", snapshot: file(size: 12, modified: 2, pdf: .complete), at: at(2))
        _ = tracker.tick(at: at(4))
        #expect(tracker.probed("a.pdf", snapshot: file(size: 12, modified: 2, pdf: .complete), at: at(4)) == [.ready("a.pdf")])
    }

    @Test func aReadyFileWrittenAgainLeavesTheQueue() {
        var tracker = tracker()
        _ = tracker.noticed("a.txt", at: at(0))
        _ = tracker.probed("a.txt", snapshot: file(size: 10), at: at(0))
        _ = tracker.tick(at: at(2))
        _ = tracker.probed("a.txt", snapshot: file(size: 10), at: at(2))
        _ = tracker.noticed("a.txt", at: at(2.5))
        #expect(tracker.nextReady() == nil)
        #expect(tracker.tick(at: at(4.5)) == [.probe("a.txt")])
    }

    @Test func vanishedAndFolderNamesAreDropped() {
        var tracker = tracker()
        _ = tracker.noticed("gone.txt", at: at(0))
        #expect(tracker.probed("gone.txt", snapshot: nil, at: at(0)) == [])
        _ = tracker.noticed("moved.txt", at: at(0))
        tracker.removed("moved.txt")
        _ = tracker.noticed("folder", at: at(0))
        #expect(tracker.probed("folder", snapshot: FileSnapshot(kind: .directory, size: 0, modified: 0), at: at(0)) == [.ignore("folder")])
        #expect(tracker.noticed("folder", at: at(1)) == [])
        #expect(tracker.tick(at: at(10)) == [])
        #expect(tracker.count == 1)
    }

    @Test func rescansAddNewNamesForgetMissingOnesAndAreNotActivity() {
        var tracker = tracker()
        #expect(Set(tracker.rescanned(present: ["a", "b"], at: at(0))) == [.probe("a"), .probe("b")])
        _ = tracker.probed("a", snapshot: file(size: 1), at: at(0))
        _ = tracker.probed("b", snapshot: file(size: 1), at: at(0))
        #expect(tracker.rescanned(present: ["a"], at: at(1)) == [])
        #expect(!tracker.isTracking("b"))
        #expect(tracker.tick(at: at(2)) == [.probe("a")])
    }

    @Test func readyNamesAreHandedOutInOrder() {
        var tracker = tracker()
        for name in ["1", "2", "3"] {
            _ = tracker.noticed(name, at: at(0))
            _ = tracker.probed(name, snapshot: file(size: 1), at: at(0))
        }
        for name in ["2", "1", "3"] {
            _ = tracker.tick(at: at(2))
            _ = tracker.probed(name, snapshot: file(size: 1), at: at(2))
        }
        #expect(tracker.hasReady)
        #expect([tracker.nextReady(), tracker.nextReady(), tracker.nextReady()] == ["2", "1", "3"])
    }

    /// The other daemon's rename shows up as IN_MOVED_FROM while this one is claiming: keep the entry
    /// until the claim ends.
    @Test func removalDuringAClaimWaitsForTheClaimToEnd() {
        var tracker = tracker()
        _ = tracker.noticed("a", at: at(0))
        _ = tracker.probed("a", snapshot: file(size: 1), at: at(0))
        _ = tracker.tick(at: at(2))
        _ = tracker.probed("a", snapshot: file(size: 1), at: at(2))
        #expect(tracker.nextReady() == "a")
        tracker.removed("a")
        #expect(tracker.isTracking("a"))
        tracker.claimEnded("a")
        #expect(!tracker.isTracking("a"))
    }
}
