/// Decides when an inbox file is ready to be claimed: a state machine fed with events (inotify
/// activity, rescans, probe results, clock ticks) that answers each with the actions to take.
///
/// A name goes `probing → settling → (probing → settling …) → ready → claiming → gone`. A file is
/// ready when two looks (``FileSnapshot``: size, mtime, identity) at least `settle` apart agree and
/// nothing happened in between; a PDF additionally needs its `%%EOF` trailer, or else to have stayed
/// unchanged for `incompletePDFWait` (a truncated PDF must still reach the converter, which then
/// reports it as damaged). It holds no I/O: the daemon performs the probes and claims, which keeps
/// every transition testable with a fake clock.
public struct ReadinessTracker<Name: Hashable & Sendable>: Sendable {
    public typealias Instant = ContinuousClock.Instant

    public enum Action: Sendable, Hashable {
        /// Take a ``FileSnapshot`` of the name now and report it with ``probed(_:snapshot:at:)``.
        case probe(Name)
        /// The file is quiet and complete; ``nextReady()`` will hand it out for claiming.
        case ready(Name)
        /// The name is a folder: left alone until it goes away.
        case ignore(Name)
    }

    private enum Phase: Equatable {
        case probing, settling, ready, claiming, ignored
    }

    private struct Entry {
        var phase: Phase
        var snapshot: FileSnapshot?
        /// When the snapshot last changed.
        var stableSince: Instant
        /// The next look is due `settle` after this: the last event, change or look.
        var lastActivity: Instant
        /// An event arrived while a probe was outstanding, so its result is already stale.
        var touchedWhileProbing = false
    }

    public let settle: Duration
    public let incompletePDFWait: Duration
    private var entries: [Name: Entry] = [:]
    /// Ready names in the order they became ready; stale names are skipped by `nextReady`.
    private var readyQueue: [Name] = []

    public init(settle: Duration, incompletePDFWait: Duration) {
        self.settle = settle
        self.incompletePDFWait = incompletePDFWait
    }

    /// Names tracked and not yet claimed.
    public var count: Int { entries.count }

    public func isTracking(_ name: Name) -> Bool { entries[name] != nil }

    /// inotify reported activity on `name` (created, written, closed, moved in).
    public mutating func noticed(_ name: Name, at now: Instant) -> [Action] {
        guard var entry = entries[name] else {
            entries[name] = Entry(phase: .probing, stableSince: now, lastActivity: now)
            return [.probe(name)]
        }
        switch entry.phase {
        case .ignored, .claiming:
            return []
        case .probing:
            entry.touchedWhileProbing = true
        case .settling, .ready:
            entry.phase = .settling  // a ready file written again waits anew; the queue skips it
        }
        entry.lastActivity = now
        entries[name] = entry
        return []
    }

    /// A full listing of the inbox: new names are probed, names no longer there are forgotten.
    public mutating func rescanned(present: Set<Name>, at now: Instant) -> [Action] {
        for (name, entry) in entries where !present.contains(name) && entry.phase != .claiming {
            entries[name] = nil
        }
        var actions: [Action] = []
        for name in present where entries[name] == nil {
            entries[name] = Entry(phase: .probing, stableSince: now, lastActivity: now)
            actions.append(.probe(name))
        }
        return actions
    }

    /// The name left the inbox (deleted or moved away).
    public mutating func removed(_ name: Name) {
        if entries[name]?.phase != .claiming { entries[name] = nil }
    }

    /// When the next settling name is due for another look, if any: the daemon sleeps until then
    /// rather than finding out at its next periodic tick, which would add up to a tick to every
    /// file's latency.
    public var nextLookDue: Instant? {
        entries.values.lazy.filter { $0.phase == .settling }.map { $0.lastActivity + settle }.min()
    }

    /// The clock advanced: settled names are due for another look, in name order. Names due together
    /// (files found by one rescan, a burst) thus become ready, and are claimed and given their
    /// output folders, in the same order on every run, not in the dictionary's hash order.
    public mutating func tick(at now: Instant) -> [Action] {
        let due = entries.filter { $0.value.phase == .settling && now - $0.value.lastActivity >= settle }.map(\.key)
        return due.sorted { "\($0)" < "\($1)" }.map { name in
            entries[name]?.phase = .probing
            entries[name]?.touchedWhileProbing = false
            return .probe(name)
        }
    }

    /// The result of a ``Action/probe(_:)``; nil when the file was gone.
    public mutating func probed(_ name: Name, snapshot: FileSnapshot?, at now: Instant) -> [Action] {
        guard var entry = entries[name], entry.phase == .probing else { return [] }
        guard let snapshot else {
            entries[name] = nil
            return []
        }
        if snapshot.kind == .directory {
            entry.phase = .ignored
            entries[name] = entry
            return [.ignore(name)]
        }
        defer { entries[name] = entry }
        entry.phase = .settling
        if entry.snapshot != snapshot || entry.touchedWhileProbing {
            // The first look only starts the clock (from the event that announced the name); a
            // changed file restarts it now.
            if entry.snapshot != nil, entry.snapshot != snapshot { entry.lastActivity = now }
            if entry.snapshot != snapshot { entry.stableSince = now }
            entry.snapshot = snapshot
            entry.touchedWhileProbing = false
            return []
        }
        if snapshot.pdf == .missingTrailer, now - entry.stableSince < incompletePDFWait {
            entry.lastActivity = now  // look again after another settle period
            return []
        }
        entry.phase = .ready
        readyQueue.append(name)
        return [.ready(name)]
    }

    /// The next ready name, now marked as being claimed; report the claim's end with ``claimEnded(_:)``.
    public mutating func nextReady() -> Name? {
        while !readyQueue.isEmpty {
            let name = readyQueue.removeFirst()
            if entries[name]?.phase == .ready {
                entries[name]?.phase = .claiming
                return name
            }
        }
        return nil
    }

    /// The claim of `name` ended (taken, or gone to another daemon, or refused). If the name is still
    /// in the inbox the next rescan brings it back.
    public mutating func claimEnded(_ name: Name) {
        entries[name] = nil
    }

    /// Whether any name is waiting in the ready queue.
    public var hasReady: Bool {
        readyQueue.contains { entries[$0]?.phase == .ready }
    }
}
