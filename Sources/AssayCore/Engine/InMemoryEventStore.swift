import Synchronization

/// An event store in memory: for tests, benchmarks and one-off runs.
///
/// It keeps events, not their encoded form: log entries (canonical bytes and leaf hashes) are
/// made when they are read, since nothing outside the process could alter them. Each event is
/// kept once, in the log; a subject's stream is the list of its positions.
public final class InMemoryEventStore: EventStore {
    /// One subject's events: their log positions in sequence order, and its deadline index entry.
    private struct Stream {
        let subject: Subject
        var positions: [Int] = []
        var deadline: Timestamp?
    }

    private struct Contents {
        var log: [Event] = []
        /// Every subject's stream, in the order of their first events.
        var streams: [Stream] = []
        /// Each subject's index in `streams`.
        var streamIndex: [Subject: Int] = [:]
        /// Positions of the events that are plugins' records.
        var recordPositions: [Int] = []
        /// The same, by plugin.
        var pluginRecordPositions: [String: [Int]] = [:]
        var deadlinesComplete = true
        var definitions: [DefinitionHash: [UInt8]] = [:]
        var checkpoints: [SignedCheckpoint] = []
        var origin: String?

        /// The log positions of `subject`'s events, in sequence order.
        func positions(of subject: Subject) -> [Int] {
            streamIndex[subject].map { streams[$0].positions } ?? []
        }

        /// Appends `event` if its subject is at `expectedVersion`, with one look-up of its
        /// stream: the engine's common case.
        mutating func appendOne(_ event: Event, expectedVersion: Int, deadline: DeadlineUpdate) throws(StoreError) -> Int {
            let existing = streamIndex[event.subject]
            let actual = existing.map { streams[$0].positions.count } ?? 0
            guard actual == expectedVersion else {
                throw .versionConflict(event.subject, expected: expectedVersion, actual: actual)
            }
            let index = existing ?? stream(of: event.subject)
            add(event, to: index)
            update(deadline, of: index)
            return log.count
        }

        /// Writes `event` to the log and to the stream at `index`.
        mutating func add(_ event: Event, to index: Int) {
            log.append(event)
            streams[index].positions.append(log.count)
            if case .recorded(let record) = event.body {
                recordPositions.append(log.count)
                pluginRecordPositions[record.plugin, default: []].append(log.count)
            }
        }

        /// Applies an append's deadline update to the stream at `index`.
        mutating func update(_ deadline: DeadlineUpdate, of index: Int) {
            switch deadline {
            case .due(let at): streams[index].deadline = at
            case .none: streams[index].deadline = nil
            case .unchanged: break
            case .unknown: deadlinesComplete = false
            }
        }

        /// The index in `streams` of `subject`'s stream, made empty for a new subject.
        mutating func stream(of subject: Subject) -> Int {
            if let index = streamIndex[subject] { return index }
            var stream = Stream(subject: subject)
            stream.positions.reserveCapacity(8)
            streams.append(stream)
            streamIndex[subject] = streams.count - 1
            return streams.count - 1
        }
    }

    private let contents = Mutex(Contents())

    public init() {}

    @discardableResult
    public func append(_ batch: [CaseAppend]) throws -> Range<Int> {
        for item in batch { try StoreError.validate(item.events, expectedVersion: item.expectedVersion) }
        return try contents.withLock { contents throws(StoreError) in
            // Check every append before changing anything. A subject may appear more than once
            // in a batch, so the versions its earlier appends reach are kept (for one append,
            // nothing is kept: that is the common case, and it needs no table).
            var reached: [Subject: Int] = [:]
            for item in batch {
                guard let subject = item.events.first?.subject else { continue }
                let actual = reached[subject] ?? contents.positions(of: subject).count
                guard actual == item.expectedVersion else {
                    throw .versionConflict(subject, expected: item.expectedVersion, actual: actual)
                }
                if batch.count > 1 { reached[subject] = actual + item.events.count }
            }
            let start = contents.log.count
            for item in batch {
                guard let subject = item.events.first?.subject else { continue }
                let index = contents.stream(of: subject)
                for event in item.events { contents.add(event, to: index) }
                contents.update(item.deadline, of: index)
            }
            return start + 1..<contents.log.count + 1
        }
    }

    @discardableResult
    public func append(_ event: Event, expectedVersion: Int, deadline: DeadlineUpdate) throws -> Int {
        try StoreError.validate(event, expectedVersion: expectedVersion)
        return try contents.withLock { contents throws(StoreError) in
            try contents.appendOne(event, expectedVersion: expectedVersion, deadline: deadline)
        }
    }

    public func events(of subject: Subject) -> [Event] {
        events(of: subject, after: 0)
    }

    public func events(of subject: Subject, after sequence: Int) -> [Event] {
        contents.withLock { contents in contents.positions(of: subject).dropFirst(sequence).map { contents.log[$0 - 1] } }
    }

    public func entries(of subject: Subject) -> [LogEntry] {
        let selected = contents.withLock { contents in contents.positions(of: subject).map { ($0, contents.log[$0 - 1]) } }
        return selected.map { LogEntry(position: $0, event: $1) }
    }

    public func subjectsDue(at now: Timestamp) -> [Subject]? {
        contents.withLock { contents in
            guard contents.deadlinesComplete else { return nil }
            return contents.streams.compactMap { stream in
                guard let due = stream.deadline, due <= now else { return nil }
                return stream.subject
            }
        }
    }

    public func replaceDeadlines(_ deadlines: [Subject: Timestamp], asOfLogSize logSize: Int) {
        contents.withLock { contents in
            guard contents.log.count == logSize else { return }
            for index in contents.streams.indices {
                contents.streams[index].deadline = deadlines[contents.streams[index].subject]
            }
            contents.deadlinesComplete = true
        }
    }

    public func caseIDs() -> [CaseID] {
        contents.withLock { $0.streams.map(\.subject).filter(\.isCase) }
    }

    public func caseIDs(inside region: RegionCode) -> [CaseID] {
        contents.withLock { contents in
            contents.streams.compactMap { stream in
                guard stream.subject.isCase, let first = stream.positions.first,
                      case .opened(let opened) = contents.log[first - 1].body, region.contains(opened.institution.region) else { return nil }
                return stream.subject
            }
        }
    }

    public func caseChanges(inside region: RegionCode?, atStages stages: Set<String>?, withRecordsOf plugins: Set<String>) -> [Event] {
        contents.withLock { contents in
            contents.streams.flatMap { stream -> [Event] in
                guard stream.subject.isCase, let first = stream.positions.first, case .opened(let opened) = contents.log[first - 1].body,
                      region?.contains(opened.institution.region) ?? true else { return [] }
                let events = stream.positions.compactMap { position -> Event? in
                    let event = contents.log[position - 1]
                    if case .recorded(let record) = event.body, !plugins.contains(record.plugin) { return nil }
                    return event
                }
                if let stages, !stages.contains(Self.stage(after: events)) { return [] }
                return events
            }
        }
    }

    public func versions(of subjects: [Subject]) -> [Subject: Int] {
        contents.withLock { contents in
            Dictionary(subjects.map { ($0, contents.positions(of: $0).count) }) { first, _ in first }
        }
    }

    public func caseVersions() -> [Subject: Int] {
        contents.withLock { contents in
            Dictionary(uniqueKeysWithValues: contents.streams.lazy.map { ($0.subject, $0.positions.count) })
        }
    }

    public func entries(from position: Int, limit: Int) -> [LogEntry] {
        let start = max(position, 1) - 1
        let events = contents.withLock { contents in
            start < contents.log.count ? Array(contents.log[start..<min(start + limit, contents.log.count)]) : []
        }
        return events.enumerated().map { LogEntry(position: start + $0.offset + 1, event: $0.element) }
    }

    public func recordEntries(from position: Int, limit: Int) -> [LogEntry] {
        entries(at: { $0.recordPositions }, from: position, limit: limit)
    }

    public func recordEntries(of plugin: String, from position: Int, limit: Int) -> [LogEntry] {
        entries(at: { $0.pluginRecordPositions[plugin] ?? [] }, from: position, limit: limit)
    }

    public func dataFileEntries(of plugin: String) -> [LogEntry] {
        recordEntries(of: plugin, from: 1, limit: .max).filter { $0.subject.kind == DataFileKind.recordType }
    }

    /// Up to `limit` entries at the positions `index` lists, from `position` on.
    private func entries(at index: (Contents) -> [Int], from position: Int, limit: Int) -> [LogEntry] {
        let selected = contents.withLock { contents in
            let positions = index(contents)
            // Binary search: the first position at or after `position`.
            var low = 0, high = positions.count
            while low < high {
                let middle = (low + high) / 2
                if positions[middle] < position { low = middle + 1 } else { high = middle }
            }
            return positions[low...].prefix(limit).map { ($0, contents.log[$0 - 1]) }
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
            var checkpoint = checkpoint
            checkpoint.cosignatures = Self.firstByKey(checkpoint.cosignatures, after: [])
            contents.checkpoints.append(checkpoint)
        }
    }

    public func add(_ cosignatures: [Cosignature], toCheckpoint number: Int) throws {
        try contents.withLock { contents throws(StoreError) in
            guard contents.checkpoints.indices.contains(number - 1) else {
                throw .noSuchCheckpoint(number, count: contents.checkpoints.count)
            }
            let existing = contents.checkpoints[number - 1].cosignatures
            contents.checkpoints[number - 1].cosignatures = existing + Self.firstByKey(cosignatures, after: existing)
        }
    }

    /// The cosignatures of `added` whose keys are not among `existing`'s, the first of each key.
    private static func firstByKey(_ added: [Cosignature], after existing: [Cosignature]) -> [Cosignature] {
        var keys = Set(existing.map(\.publicKey))
        return added.filter { keys.insert($0.publicKey).inserted }
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
