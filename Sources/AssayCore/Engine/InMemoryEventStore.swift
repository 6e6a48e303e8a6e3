import Synchronization

/// An event store in memory: for tests, benchmarks and one-off runs.
///
/// It keeps events, not their encoded form: log entries (canonical bytes and leaf hashes) are
/// made when they are read, since nothing outside the process could alter them.
public final class InMemoryEventStore: EventStore {
    private struct Contents {
        var events: [CaseID: [Event]] = [:]
        /// Each subject's events' log positions, in sequence order.
        var positions: [CaseID: [Int]] = [:]
        /// Positions of the events that are plugins' records.
        var recordPositions: [Int] = []
        var deadlines: [CaseID: Timestamp] = [:]
        var deadlinesComplete = true
        var order: [CaseID] = []
        var log: [Event] = []
        var definitions: [DefinitionHash: [UInt8]] = [:]
        var checkpoints: [SignedCheckpoint] = []
        var origin: String?
    }

    private let contents = Mutex(Contents())

    public init() {}

    @discardableResult
    public func append(_ batch: [CaseAppend]) throws -> Range<Int> {
        for item in batch { try StoreError.validate(item.events, expectedVersion: item.expectedVersion) }
        return try contents.withLock { contents throws(StoreError) in
            // Check every append before changing anything.
            var versions: [CaseID: Int] = [:]
            for item in batch {
                guard let caseID = item.events.first?.subject else { continue }
                let actual = versions[caseID] ?? contents.events[caseID]?.count ?? 0
                guard actual == item.expectedVersion else {
                    throw .versionConflict(caseID, expected: item.expectedVersion, actual: actual)
                }
                versions[caseID] = actual + item.events.count
            }
            let start = contents.log.count
            for item in batch {
                guard let caseID = item.events.first?.subject else { continue }
                if contents.events[caseID] == nil, caseID.isCase { contents.order.append(caseID) }
                contents.events[caseID, default: []].append(contentsOf: item.events)
                contents.positions[caseID, default: []].append(contentsOf: contents.log.count + 1..<contents.log.count + 1 + item.events.count)
                for (offset, event) in item.events.enumerated() {
                    if case .recorded = event.body { contents.recordPositions.append(contents.log.count + 1 + offset) }
                }
                contents.log.append(contentsOf: item.events)
                switch item.deadline {
                case .due(let at): contents.deadlines[caseID] = at
                case .none: contents.deadlines[caseID] = nil
                case .unchanged: break
                case .unknown: contents.deadlinesComplete = false
                }
            }
            return start + 1..<contents.log.count + 1
        }
    }

    public func events(of subject: Subject) -> [Event] {
        contents.withLock { $0.events[subject] ?? [] }
    }

    public func entries(of subject: Subject) -> [LogEntry] {
        let (events, positions) = contents.withLock { ($0.events[subject] ?? [], $0.positions[subject] ?? []) }
        return zip(positions, events).map { LogEntry(position: $0, event: $1) }
    }

    public func casesDue(at now: Timestamp) -> [CaseID]? {
        contents.withLock { contents in
            contents.deadlinesComplete ? contents.order.filter { contents.deadlines[$0].map { $0 <= now } ?? false } : nil
        }
    }

    public func replaceDeadlines(_ deadlines: [CaseID: Timestamp], asOfLogSize logSize: Int) {
        contents.withLock { contents in
            guard contents.log.count == logSize else { return }
            contents.deadlines = deadlines
            contents.deadlinesComplete = true
        }
    }

    public func caseIDs() -> [CaseID] {
        contents.withLock { $0.order }
    }

    public func caseVersions() -> [Subject: Int] {
        contents.withLock { $0.events.mapValues(\.count) }
    }

    public func entries(from position: Int, limit: Int) -> [LogEntry] {
        let start = max(position, 1) - 1
        let events = contents.withLock { contents in
            start < contents.log.count ? Array(contents.log[start..<min(start + limit, contents.log.count)]) : []
        }
        return events.enumerated().map { LogEntry(position: start + $0.offset + 1, event: $0.element) }
    }

    public func recordEntries(from position: Int, limit: Int) -> [LogEntry] {
        let selected = contents.withLock { contents in
            // Binary search: the first record at or after `position`.
            var low = 0, high = contents.recordPositions.count
            while low < high {
                let middle = (low + high) / 2
                if contents.recordPositions[middle] < position { low = middle + 1 } else { high = middle }
            }
            let start = low
            return contents.recordPositions[start...].prefix(limit).map { ($0, contents.log[$0 - 1]) }
        }
        return selected.map { LogEntry(position: $0, event: $1) }
    }

    public func logSize() -> Int {
        contents.withLock { $0.log.count }
    }

    public func record(_ definition: FlowDefinition, hash: DefinitionHash) {
        contents.withLock { contents in
            if contents.definitions[hash] == nil {
                contents.definitions[hash] = StoredDefinition.encode(definition)
            }
        }
    }

    public func definitions() -> [DefinitionHash: [UInt8]] {
        contents.withLock { $0.definitions }
    }

    public func add(_ checkpoint: SignedCheckpoint) throws {
        try contents.withLock { contents throws(StoreError) in
            guard checkpoint.number == contents.checkpoints.count + 1 else {
                throw .checkpointOutOfOrder(expected: contents.checkpoints.count + 1, got: checkpoint.number)
            }
            contents.checkpoints.append(checkpoint)
        }
    }

    public func checkpoints() -> [SignedCheckpoint] {
        contents.withLock { $0.checkpoints }
    }

    public func origin() -> String? {
        contents.withLock { $0.origin }
    }

    public func name(origin: String) throws {
        try contents.withLock { contents throws(StoreError) in
            if let existing = contents.origin, existing != origin {
                throw .originAlreadySet(existing: existing, requested: origin)
            }
            contents.origin = origin
        }
    }

    /// The number of events in the store.
    public var count: Int { logSize() }
}
