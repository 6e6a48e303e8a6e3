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

    /// The events about `subject` in sequence order; empty for an unknown subject.
    func events(of subject: Subject) async throws -> [Event]

    /// The log entries about `subject` (with their positions) in sequence order, read through the
    /// subject's index rather than a scan of the log; empty for an unknown subject.
    func entries(of subject: Subject) async throws -> [LogEntry]

    /// The ids of every case (the subjects that are cases), in the order they were opened.
    func caseIDs() async throws -> [CaseID]

    /// Every subject's version: how many events it has.
    func caseVersions() async throws -> [Subject: Int]

    /// Up to `limit` log entries from `position` on (positions start at 1), as stored.
    func entries(from position: Int, limit: Int) async throws -> [LogEntry]

    /// How many entries the log holds.
    func logSize() async throws -> Int

    /// Keeps `definition` under its content hash `hash`; recording one already held does nothing.
    func record(_ definition: FlowDefinition, hash: DefinitionHash) async throws

    /// The stored canonical bytes of every definition, by hash, as stored.
    func definitions() async throws -> [DefinitionHash: [UInt8]]

    /// Appends a signed checkpoint; its number must be the next one.
    func add(_ checkpoint: SignedCheckpoint) async throws

    /// Every checkpoint, oldest first.
    func checkpoints() async throws -> [SignedCheckpoint]

    /// The log's origin: the name its checkpoints sign, set once; nil until it is named.
    func origin() async throws -> String?

    /// Names the log `origin`, once: naming it again with the same name does nothing, with
    /// another is refused (`StoreError.originAlreadySet`).
    func name(origin: String) async throws
}

/// Events of one subject to append, numbered from `expectedVersion + 1`, if the subject then has
/// exactly `expectedVersion` events. A new case (or other subject) has version 0.
public struct CaseAppend: Sendable {
    public var events: [Event]
    public var expectedVersion: Int

    public init(_ events: [Event], expectedVersion: Int) {
        self.events = events
        self.expectedVersion = expectedVersion
    }
}

extension EventStore {
    /// Appends `events`, all of one case, if the case has exactly `expectedVersion` events;
    /// otherwise throws `StoreError.versionConflict` and writes nothing.
    @discardableResult
    public func append(_ events: [Event], expectedVersion: Int) async throws -> Range<Int> {
        try await append([CaseAppend(events, expectedVersion: expectedVersion)])
    }

    /// The definition with `hash`, if the store holds it and it matches its hash.
    public func definition(_ hash: DefinitionHash) async throws -> FlowDefinition? {
        guard let bytes = try await definitions()[hash] else { return nil }
        return try StoredDefinition.decode(bytes, expecting: hash)
    }
}
