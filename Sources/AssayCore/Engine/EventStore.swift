/// Where histories are kept: one append-only log of events, each about a subject (a case, or
/// what a plugin records facts about), with the definitions cases pinned and the signed
/// checkpoints of the log. Nothing is ever updated or deleted.
///
/// The in-memory store lives here; durable stores (SQLite, PostgreSQL) conform in their own
/// module so the core carries no database code.
public protocol EventStore: Sendable {
    /// Appends each `CaseAppend` in order, in one transaction: all of them or, if any case is
    /// not at its expected version (`StoreError.versionConflict`) or any append is malformed,
    /// none. Returns the positions the events took in the global log.
    @discardableResult
    func append(_ batch: [CaseAppend]) async throws -> Range<Int>

    /// Appends one event, if its subject has exactly `expectedVersion` events, as a batch of
    /// one would; returns its position. The engine's common case: a store may take it without
    /// making a batch.
    @discardableResult
    nonisolated(nonsending) func append(_ event: Event, expectedVersion: Int, deadline: DeadlineUpdate) async throws -> Int

    /// The events about `subject` in sequence order; empty for an unknown subject.
    func events(of subject: Subject) async throws -> [Event]

    /// The events about `subject` after its first `sequence` ones, in sequence order, read
    /// through the subject's index: what a cached state has not seen.
    func events(of subject: Subject, after sequence: Int) async throws -> [Event]

    /// The log entries about `subject` (with their positions) in sequence order, read through the
    /// subject's index rather than a scan of the log; empty for an unknown subject.
    func entries(of subject: Subject) async throws -> [LogEntry]

    /// The ids of every case (the subjects that are cases), in the order they were opened.
    func caseIDs() async throws -> [CaseID]

    /// The ids of the cases whose institution lies within `region`, in the order they were
    /// opened, through the store's subject index.
    func caseIDs(inside region: RegionCode) async throws -> [CaseID]

    /// The openings and actions of the cases whose institution lies within `region` (every
    /// case's when nil) and that stand now in one of `stages` (any when nil), with the records
    /// about them of `plugins` alone, case by case in the order the cases were opened, each
    /// case's in sequence order: what the cases' stages (at a past moment, or now with what
    /// those plugins keep about each case) are folded from, read through the store's indexes
    /// rather than the whole log.
    func caseChanges(inside region: RegionCode?, atStages stages: Set<String>?, withRecordsOf plugins: Set<String>) async throws -> [Event]

    /// The version of each of `subjects` (how many events it has; 0 for one the log does not
    /// hold), read at once: what a batch of records about thousands of subjects appends at.
    func versions(of subjects: [Subject]) async throws -> [Subject: Int]

    /// Every subject's version: how many events it has.
    func caseVersions() async throws -> [Subject: Int]

    /// Up to `limit` log entries from `position` on (positions start at 1), as stored.
    func entries(from position: Int, limit: Int) async throws -> [LogEntry]

    /// Up to `limit` entries from `position` on that may hold a plugin's record (every record,
    /// perhaps a few other events), through the store's index of them: what the plugins' state
    /// is folded from, without reading the rest of the log.
    func recordEntries(from position: Int, limit: Int) async throws -> [LogEntry]

    /// Up to `limit` entries from `position` on that hold records of `plugin`, through the
    /// store's index of records: one plugin's state is folded from these alone.
    func recordEntries(of plugin: String, from position: Int, limit: Int) async throws -> [LogEntry]

    /// The entries storing `plugin`'s data files (the subjects `data-file:HASH`), in log order,
    /// through the store's subject index: a read of a few subjects' plugin state folds these
    /// with those subjects' own entries.
    func dataFileEntries(of plugin: String) async throws -> [LogEntry]

    /// How many entries the log holds.
    func logSize() async throws -> Int

    /// Keeps `definition` under its content hash `hash`; recording one already held does nothing.
    func record(_ definition: FlowDefinition, hash: DefinitionHash) async throws

    /// The stored canonical bytes of every definition, by hash, as stored.
    func definitions() async throws -> [DefinitionHash: [UInt8]]

    /// Appends a signed checkpoint, with any cosignatures it carries; its number must be the
    /// next one.
    func add(_ checkpoint: SignedCheckpoint) async throws

    /// Appends witnesses' cosignatures to checkpoint `number`, which must exist; a cosignature
    /// by a key that already cosigned that checkpoint is skipped (the first one stays).
    func add(_ cosignatures: [Cosignature], toCheckpoint number: Int) async throws

    /// Every checkpoint, oldest first, each with its cosignatures.
    func checkpoints() async throws -> [SignedCheckpoint]

    /// The log's origin: the name its checkpoints sign, set once; nil until it is named.
    func origin() async throws -> String?

    /// Names the log `origin`, once: naming it again with the same name does nothing, with
    /// another is refused (`StoreError.originAlreadySet`).
    func name(origin: String) async throws

    /// The subjects whose next deadline, as the appends left it, falls at or before `now` (a
    /// case's stage deadline; another subject's deadline plugins'), in the order their first
    /// events were appended; nil when the store's deadline index is not complete (the store
    /// predates it, or events were appended with an unknown deadline): rebuild it then.
    func subjectsDue(at now: Timestamp) async throws -> [Subject]?

    /// Replaces the deadline index with `deadlines` (every case whose stage has a deadline, every
    /// other subject with a plugin's deadline open) and marks it complete, unless the log has
    /// grown past `logSize` meanwhile.
    func replaceDeadlines(_ deadlines: [Subject: Timestamp], asOfLogSize logSize: Int) async throws
}

/// What an append does to the deadline index that `Engine.tick` reads: its subject's next
/// deadline (a case's stage's; for another subject, its deadline plugins'). The index is derived
/// from the log (and rebuilt from it when incomplete); it is not history.
public enum DeadlineUpdate: Sendable, Equatable {
    /// The subject is due at this moment (a plugin's subject: may be due after it).
    case due(Timestamp)
    /// After the append the subject has no deadline.
    case none
    /// The append leaves the subject's deadline as it was (a record no deadline depends on).
    case unchanged
    /// Not known (events copied from elsewhere): the index is incomplete until rebuilt.
    case unknown
}

/// Events of one subject to append, numbered from `expectedVersion + 1`, if the subject then has
/// exactly `expectedVersion` events. A new case (or other subject) has version 0.
public struct CaseAppend: Sendable {
    public var events: [Event]
    public var expectedVersion: Int
    public var deadline: DeadlineUpdate

    public init(_ events: [Event], expectedVersion: Int, deadline: DeadlineUpdate = .unknown) {
        self.events = events
        self.expectedVersion = expectedVersion
        self.deadline = deadline
    }
}

extension EventStore {
    /// The openings and actions of the cases within `region` (every case's when nil), without
    /// the plugins' records.
    public func caseChanges(inside region: RegionCode?) async throws -> [Event] {
        try await caseChanges(inside: region, atStages: nil, withRecordsOf: [])
    }

    /// The openings and actions of the cases within `region` (every case's when nil), whatever
    /// their stage, with the records about them of `plugins` alone.
    public func caseChanges(inside region: RegionCode?, withRecordsOf plugins: Set<String>) async throws -> [Event] {
        try await caseChanges(inside: region, atStages: nil, withRecordsOf: plugins)
    }

    @discardableResult
    nonisolated(nonsending) public func append(_ event: Event, expectedVersion: Int, deadline: DeadlineUpdate) async throws -> Int {
        try await append([CaseAppend([event], expectedVersion: expectedVersion, deadline: deadline)]).lowerBound
    }

    /// Appends `events`, all of one case, if the case has exactly `expectedVersion` events;
    /// otherwise throws `StoreError.versionConflict` and writes nothing.
    @discardableResult
    public func append(_ events: [Event], expectedVersion: Int, deadline: DeadlineUpdate = .unknown) async throws -> Range<Int> {
        try await append([CaseAppend(events, expectedVersion: expectedVersion, deadline: deadline)])
    }

    /// What `recordEntries(from:limit:)` returns for a store without the index of records (one
    /// opened read-only before it existed): the next batch of up to `limit` entries from
    /// `position` on that holds any, scanned and filtered.
    public func scanningForRecordEntries(from position: Int, limit: Int) async throws -> [LogEntry] {
        var from = position
        while true {
            let batch = try await entries(from: from, limit: limit)
            guard let last = batch.last else { return [] }
            let records = batch.filter(\.mayHoldRecord)
            if !records.isEmpty { return records }
            from = last.position + 1
        }
    }

    /// What `recordEntries(of:from:limit:)` returns for a store whose index of records does not
    /// name their plugins (one opened read-only before it did): the next entries holding
    /// `plugin`'s records, scanned and filtered.
    public func scanningForRecordEntries(of plugin: String, from position: Int, limit: Int) async throws -> [LogEntry] {
        var from = position
        while true {
            let batch = try await recordEntries(from: from, limit: limit)
            guard let last = batch.last else { return [] }
            let records = batch.filter { entry in
                guard case .recorded(let record)? = try? entry.event().body else { return false }
                return record.plugin == plugin
            }
            if !records.isEmpty { return records }
            from = last.position + 1
        }
    }

    /// What `dataFileEntries(of:)` returns for a store without the subject index or the plugin
    /// in its index of records (one opened read-only before they existed): `plugin`'s records
    /// scanned for data files.
    public func scanningForDataFileEntries(of plugin: String) async throws -> [LogEntry] {
        var files: [LogEntry] = [], position = 1
        while true {
            let batch = try await recordEntries(of: plugin, from: position, limit: 10_000)
            guard let last = batch.last else { return files }
            files += batch.filter { $0.subject.kind == DataFileKind.recordType }
            position = last.position + 1
        }
    }

    /// The stage a case stands at after `events`, its opening first: the one the last opening
    /// or action among them reached.
    static func stage(after events: [Event]) -> String {
        events.lazy.reversed().compactMap(\.stageReached).first ?? ""
    }

    /// What `caseChanges(inside:atStages:withRecordsOf:)` returns for a store without the
    /// indexes it reads (one opened read-only before they existed): the whole log scanned for
    /// the cases' openings, actions and those plugins' records.
    public func scanningForCaseChanges(inside region: RegionCode?, atStages stages: Set<String>? = nil, withRecordsOf plugins: Set<String>) async throws -> [Event] {
        var changes: [CaseID: [Event]] = [:], order: [CaseID] = []
        var position = 1
        while true {
            let batch = try await entries(from: position, limit: 10_000)
            guard let last = batch.last else { break }
            for entry in batch where entry.subject.isCase {
                let event = try entry.event()
                switch event.body {
                case .opened(let opened):
                    guard region?.contains(opened.institution.region) ?? true else { continue }
                    order.append(event.subject)
                    changes[event.subject] = [event]
                case .actionTaken:
                    guard changes[event.subject] != nil else { continue }
                    changes[event.subject]!.append(event)
                case .recorded(let record):
                    guard plugins.contains(record.plugin) else { continue }
                    changes[event.subject]?.append(event)
                }
            }
            position = last.position + 1
        }
        return order.filter { stages?.contains(Self.stage(after: changes[$0]!)) ?? true }.flatMap { changes[$0]! }
    }

    /// What `caseIDs(inside:)` returns for a store whose subject index has no regions (one
    /// opened read-only before it had): every case's opening read and its institution's region
    /// compared.
    public func scanningForCaseIDs(inside region: RegionCode) async throws -> [CaseID] {
        var inside: [CaseID] = []
        for id in try await caseIDs() {
            guard case .opened(let opened)? = try await events(of: id).first?.body, region.contains(opened.institution.region) else { continue }
            inside.append(id)
        }
        return inside
    }

    /// The definition with `hash`, if the store holds it and it matches its hash.
    public func definition(_ hash: DefinitionHash) async throws -> FlowDefinition? {
        guard let bytes = try await definitions()[hash] else { return nil }
        return try StoredDefinition.decode(bytes, expecting: hash)
    }
}
