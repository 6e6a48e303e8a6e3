import AssayCore
import Foundation
import GRDB

/// The embedded default store: one SQLite file in WAL mode, through GRDB.
///
/// Several processes may share the file: appends run in immediate transactions and the unique
/// (case, sequence) index lets exactly one writer win each case version. By default commits use
/// `synchronous = FULL`: an acknowledged append has reached the disk, and survives the process
/// being killed and the machine losing power.
public final class SQLiteEventStore: EventStore {
    /// How far a commit goes before an append returns.
    public enum Durability: String, Sendable, Equatable, CaseIterable {
        /// `synchronous = FULL`: the write-ahead log is synced at every commit, so an
        /// acknowledged append survives a power loss. The default.
        case full
        /// `synchronous = NORMAL`: faster; an acknowledged append survives the process being
        /// killed, but a power loss may roll back the last commits (never corrupting the file).
        case normal
    }

    /// A pool (WAL, concurrent reads) for writing; a read-only queue for reading only, which
    /// needs no write access to the file or its folder.
    let pool: any DatabaseWriter
    public let path: String

    /// Whether the schema has the log's origin (migration v2); a store opened read-only keeps
    /// the schema it was written with.
    private let hasOrigin: Bool
    /// Whether the schema has the deadline and record indexes (migration v3).
    private let hasDerivedIndexes: Bool
    /// Whether the schema has the subject index (migration v6).
    private let hasSubjectIndex: Bool
    /// Whether the index of records names each record's plugin (migration v7).
    private let hasRecordPlugins: Bool
    /// Whether the subject index holds each case's region (migration v8).
    private let hasCaseRegions: Bool
    /// Whether the subject index holds each case's current stage (migration v11).
    private let hasCaseStages: Bool
    /// Whether the schema keeps witnesses' cosignatures (migration v10).
    private let hasCosignatures: Bool

    /// Opens the store at `path` for `access` (see `StoreAccess`), applying pending migrations
    /// unless it is opened to read only.
    public init(path: String, access: StoreAccess = .create, durability: Durability = .full) throws {
        self.path = path
        if access != .create && !FileManager.default.fileExists(atPath: path) {
            throw StoreError.missing("sqlite:\(path)")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.readonly = access.isReadOnly
        if access == .scan {
            // The file is mapped instead of each page being copied out of the kernel: a third
            // of `verify`'s time on a national log went to those copies.
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA mmap_size = \(Self.mappedBytes)") }
        }
        do {
            pool = access.isReadOnly ? try DatabaseQueue(path: Self.readOnlyPath(path), configuration: configuration)
                                   : try DatabasePool(path: path, configuration: configuration)
            let migrator = SQLiteSchema.migrator
            let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
            let known = Set(migrator.migrations)
            guard applied.isSubset(of: known) else {
                throw StoreError.newerSchema(found: applied.sorted(), known: migrator.migrations)
            }
            if access.isReadOnly {
                hasOrigin = applied.contains("v2-no-replacing-inserts-and-origin")
                hasDerivedIndexes = applied.contains("v3-derived-indexes")
                hasSubjectIndex = applied.contains("v6-subject-index")
                hasRecordPlugins = applied.contains("v7-record-plugin")
                hasCaseRegions = applied.contains("v8-case-region")
                hasCaseStages = applied.contains("v11-case-stage")
                hasCosignatures = applied.contains("v10-cosignatures")
                return
            }
            try migrator.migrate(pool)
            try pool.write(SQLiteSchema.restoreDerivedIndexes)
            hasOrigin = true
            hasDerivedIndexes = true
            hasSubjectIndex = true
            hasRecordPlugins = true
            hasCaseRegions = true
            hasCaseStages = true
            hasCosignatures = true
            // Set on the one writing connection, after GRDB's own WAL set-up (which picks NORMAL).
            // Its page cache may grow to 64 MiB: an import of a nation's rows dirties more pages
            // than the 2 MiB default holds, and each page spilled early is written twice.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = \(durability == .full ? "FULL" : "NORMAL")")
                try db.execute(sql: "PRAGMA cache_size = -65536")
            }
        } catch let error as DatabaseError {
            throw StoreError.unreachable("cannot open the SQLite store \(path): \(error.message ?? error.description)")
        }
    }

    /// How much of the file a scan may map: more than a national log holds.
    static let mappedBytes = 1 << 36

    /// What to open to read the store at `path` without writing anything. SQLite reads a WAL
    /// database read-only only through its shared-memory file (`-shm`): when there is none and
    /// the folder cannot be written to create one, no writer has the store open (a writer
    /// would have made it), and the file is opened as immutable.
    static func readOnlyPath(_ path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        guard !FileManager.default.fileExists(atPath: path + "-shm"),
              !FileManager.default.isWritableFile(atPath: folder.isEmpty ? "." : folder),
              let escaped = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)
        else { return path }
        return "file:\(escaped)?immutable=1"
    }

    @discardableResult
    public func append(_ batch: [CaseAppend]) async throws -> Range<Int> {
        for item in batch { try StoreError.validate(item.events, expectedVersion: item.expectedVersion) }
        let encoded = RowsEncodedAhead(batch)
        defer { encoded.stop() }
        do {
            return try await pool.write { db in
                let start = try Self.logSize(in: db)
                var size = start
                let insert = try SQLiteBoundStatement(db, sql: "INSERT INTO event (position, case_id, case_sequence, body, hash) VALUES (?, ?, ?, ?, ?)")
                let indexRecord = try SQLiteBoundStatement(db, sql: "INSERT INTO record_event (position, plugin) VALUES (?, ?)")
                let indexSubject = try SQLiteBoundStatement(db, sql: "INSERT INTO subject (name, kind, opened, region, stage) VALUES (?, ?, ?, ?, ?)")
                let moveCase = try SQLiteBoundStatement(db, sql: "UPDATE subject SET stage = ? WHERE name = ?")
                for number in encoded.parts.indices {
                    let part = encoded.part(number)
                    try part.bytes.withUnsafeBytes { bytes in
                        for (item, itemRows) in part.appends(of: batch) {
                            guard let caseID = item.events.first?.subject else { continue }
                            // A subject expected new is not asked its version: the log's unique subject
                            // and sequence refuse its first event if another writer appended first.
                            if item.expectedVersion > 0 {
                                let actual = try Self.version(of: caseID, in: db)
                                guard actual == item.expectedVersion else {
                                    throw StoreError.versionConflict(caseID, expected: item.expectedVersion, actual: actual)
                                }
                            }
                            for (event, row) in zip(item.events, itemRows) {
                                size += 1
                                try row.hash.withUnsafeBytes { hash in
                                    try insert.execute(.integer(size), .text(caseID.value), .integer(event.sequence),
                                                       .blob(UnsafeRawBufferPointer(rebasing: bytes[row.body])), .blob(hash))
                                }
                                if let plugin = row.plugin { try indexRecord.execute(.integer(size), .text(plugin)) }
                                if event.sequence == 1 {
                                    try indexSubject.execute(.text(caseID.value), .text(caseID.kind), .integer(size), .text(row.region), .text(row.stage))
                                }
                            }
                            // A case's opening and actions move it: the index keeps the stage the last one left it at.
                            if let moved = zip(item.events, itemRows).compactMap({ event, row in event.sequence > 1 ? row.stage : nil }).last {
                                try moveCase.execute(.text(moved), .text(caseID.value))
                            }
                        }
                    }
                }
                try Self.update(DeadlineChanges(batch), in: db)
                return start + 1..<size + 1
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            // Another writer appended to one of these subjects first, or the batch itself did:
            // the first append whose version is not the one expected, counting the batch's own.
            let conflict = try await pool.read { db -> StoreError? in
                var reached: [CaseID: Int] = [:]
                for item in batch {
                    guard let caseID = item.events.first?.subject else { continue }
                    let actual = try reached[caseID] ?? Self.version(of: caseID, in: db)
                    guard actual == item.expectedVersion else { return .versionConflict(caseID, expected: item.expectedVersion, actual: actual) }
                    reached[caseID] = actual + item.events.count
                }
                return nil
            }
            throw conflict ?? StoreError.database(error.description)
        } catch let error as DatabaseError {
            throw StoreError.database(error.message ?? error.description)
        }
    }

    /// A batch's changes to the deadline index, each subject's last update standing.
    private static func update(_ changes: DeadlineChanges, in db: Database) throws {
        let remove = try db.cachedStatement(sql: "DELETE FROM case_deadline WHERE case_id = ?")
        for subject in changes.removed { try remove.execute(arguments: [subject]) }
        let upsert = try db.cachedStatement(sql: "INSERT INTO case_deadline (case_id, due_at) VALUES (?, ?) ON CONFLICT (case_id) DO UPDATE SET due_at = excluded.due_at")
        for (subject, at) in changes.due { try upsert.execute(arguments: [subject, at]) }
        if changes.incomplete { try db.execute(sql: "UPDATE deadline_index SET complete = 0 WHERE complete = 1") }
    }

    public func subjectsDue(at now: Timestamp) async throws -> [Subject]? {
        guard hasDerivedIndexes else { return nil }
        // CROSS JOIN keeps the due subjects as the outer loop: SQLite would rather scan the log.
        return try await read { db in
            guard try Bool.fetchOne(db, sql: "SELECT complete FROM deadline_index") == true else { return nil }
            return try String.fetchAll(db, sql: """
                SELECT d.case_id FROM case_deadline d CROSS JOIN event e ON e.case_id = d.case_id AND e.case_sequence = 1
                WHERE d.due_at <= ? ORDER BY e.position
                """, arguments: [now.milliseconds]).map { Subject($0) }
        }
    }

    public func replaceDeadlines(_ deadlines: [Subject: Timestamp], asOfLogSize logSize: Int) async throws {
        guard hasDerivedIndexes else { return }
        try await write { db in
            guard try Self.logSize(in: db) == logSize else { return }
            try db.execute(sql: "DELETE FROM case_deadline")
            let insert = try db.cachedStatement(sql: "INSERT INTO case_deadline (case_id, due_at) VALUES (?, ?)")
            for (id, at) in deadlines { try insert.execute(arguments: [id.value, at.milliseconds]) }
            try db.execute(sql: "UPDATE deadline_index SET complete = 1")
        }
    }

    private static func version(of caseID: CaseID, in db: Database) throws -> Int {
        // A cached statement: a batch asks this once a case, and preparing it each time cost
        // more than the query.
        try SQLiteBoundStatement(db, sql: "SELECT MAX(case_sequence) FROM event WHERE case_id = ?").integer(.text(caseID.value)) ?? 0
    }

    public func events(of subject: Subject) async throws -> [Event] {
        try await events(of: subject, after: 0)
    }

    public func events(of subject: Subject, after sequence: Int) async throws -> [Event] {
        let bodies = try await read { db in
            try Data.fetchAll(db, sql: "SELECT body FROM event WHERE case_id = ? AND case_sequence > ? ORDER BY case_sequence", arguments: [subject.value, sequence])
        }
        return try bodies.map { body in
            do {
                return try Event(canonical: Array(body))
            } catch {
                throw StoreError.corrupt("an event about \(subject) is not a canonical event: \(error)")
            }
        }
    }

    public func caseIDs() async throws -> [CaseID] {
        let sql = hasSubjectIndex ? "SELECT name FROM subject WHERE kind = 'case' ORDER BY opened"
                                  : "SELECT case_id FROM event WHERE case_sequence = 1 AND instr(case_id, ':') = 0 ORDER BY position"
        return try await read { db in
            let ids = try String.fetchAll(db, sql: sql)
            return ids.map { CaseID($0) }
        }
    }

    public func caseIDs(inside region: RegionCode) async throws -> [CaseID] {
        guard hasCaseRegions else { return try await scanningForCaseIDs(inside: region) }
        let prefix = region.containedPrefix
        return try await read { db in
            try String.fetchAll(db, sql: "SELECT name FROM subject WHERE kind = 'case' AND substr(region, 1, ?) = ? ORDER BY opened",
                                arguments: [prefix.count, prefix]).map { CaseID($0) }
        }
    }

    public func caseChanges(inside region: RegionCode?, atStages stages: Set<String>?, withRecordsOf plugins: Set<String>) async throws -> [Event] {
        guard hasCaseRegions, hasCaseStages || stages == nil else {
            return try await scanningForCaseChanges(inside: region, atStages: stages, withRecordsOf: plugins)
        }
        // Cases at given stages are found through the index by stage and region (only a case has
        // a stage; a region's codes run from its prefix to the prefix and "~", above any letter);
        // any case through the index by kind, its region compared.
        var cases: [String], values: [(any DatabaseValueConvertible)?]
        if let standing = stages?.sorted() {
            cases = ["s.stage IN (\(databaseQuestionMarks(count: standing.count)))"]
            values = standing
            if let prefix = region?.containedPrefix {
                cases.append("s.region >= ? AND s.region < ?")
                values += [prefix, prefix + "~"]
            }
        } else {
            cases = ["s.kind = 'case'"]
            values = []
            if let prefix = region?.containedPrefix {
                cases.append("substr(s.region, 1, ?) = ?")
                values += [prefix.count, prefix]
            }
        }
        let named = plugins.sorted(), condition = cases.joined(separator: " AND ")
        let arguments = StatementArguments(values + named.map { $0 })
        // The record index tells the records apart (and names their plugins); the event's row is
        // read only for what is returned.
        let bodies = try await read { db in
            try Data.fetchAll(db, sql: """
                SELECT e.body FROM subject s JOIN event e ON e.case_id = s.name LEFT JOIN record_event r ON r.position = e.position
                WHERE \(condition)
                AND (r.position IS NULL\(named.isEmpty ? "" : " OR r.plugin IN (\(databaseQuestionMarks(count: named.count)))"))
                ORDER BY s.opened, e.case_sequence
                """, arguments: arguments)
        }
        return try bodies.map { body in
            do {
                return try Event(canonical: Array(body))
            } catch {
                throw StoreError.corrupt("a case's event is not a canonical event: \(error)")
            }
        }
    }

    public func versions(of subjects: [Subject]) async throws -> [Subject: Int] {
        try await read { db in
            let statement = try SQLiteBoundStatement(db, sql: "SELECT MAX(case_sequence) FROM event WHERE case_id = ?")
            var versions: [Subject: Int] = [:]
            versions.reserveCapacity(subjects.count)
            for subject in subjects {
                versions[subject] = try statement.integer(.text(subject.value)) ?? 0
            }
            return versions
        }
    }

    public func caseVersions() async throws -> [Subject: Int] {
        try await read { db in
            try SQLiteLogRows.versions(db, sql: "SELECT case_id, MAX(case_sequence) FROM event GROUP BY case_id")
        }
    }

    public func entries(from position: Int, limit: Int) async throws -> [LogEntry] {
        try await read { db in
            try SQLiteLogRows.entries(db, sql: "SELECT position, case_id, case_sequence, body, hash FROM event WHERE position >= ? ORDER BY position LIMIT ?",
                             arguments: [position, limit], reserving: min(limit, 10_000))
        }
    }

    public func recordEntries(from position: Int, limit: Int) async throws -> [LogEntry] {
        guard hasDerivedIndexes else { return try await scanningForRecordEntries(from: position, limit: limit) }
        return try await read { db in
            try SQLiteLogRows.entries(db, sql: """
                SELECT e.position, e.case_id, e.case_sequence, e.body, e.hash FROM record_event r JOIN event e ON e.position = r.position
                WHERE r.position >= ? ORDER BY r.position LIMIT ?
                """, arguments: [position, limit], reserving: min(limit, 10_000))
        }
    }

    public func recordEntries(of plugin: String, from position: Int, limit: Int) async throws -> [LogEntry] {
        guard hasRecordPlugins else { return try await scanningForRecordEntries(of: plugin, from: position, limit: limit) }
        return try await read { db in
            try SQLiteLogRows.entries(db, sql: """
                SELECT e.position, e.case_id, e.case_sequence, e.body, e.hash FROM record_event r JOIN event e ON e.position = r.position
                WHERE r.plugin = ? AND r.position >= ? ORDER BY r.position LIMIT ?
                """, arguments: [plugin, position, limit], reserving: min(limit, 10_000))
        }
    }

    public func dataFileEntries(of plugin: String) async throws -> [LogEntry] {
        guard hasSubjectIndex, hasRecordPlugins else { return try await scanningForDataFileEntries(of: plugin) }
        // CROSS JOIN keeps the few data files as the outer loop: SQLite, without statistics,
        // would rather walk every record of the plugin (seconds at national size).
        return try await read { db in
            try SQLiteLogRows.entries(db, sql: """
                SELECT e.position, e.case_id, e.case_sequence, e.body, e.hash FROM subject s CROSS JOIN event e ON e.case_id = s.name
                CROSS JOIN record_event r ON r.position = e.position WHERE s.kind = ? AND r.plugin = ? ORDER BY e.position
                """, arguments: [DataFileKind.recordType, plugin], reserving: 0)
        }
    }

    public func entries(of subject: Subject) async throws -> [LogEntry] {
        try await read { db in
            try SQLiteLogRows.entries(db, sql: "SELECT position, case_id, case_sequence, body, hash FROM event WHERE case_id = ? ORDER BY case_sequence",
                             arguments: [subject.value], reserving: 0)
        }
    }

    public func logSize() async throws -> Int {
        try await read { db in try Self.logSize(in: db) }
    }

    /// The position of the log's last entry, through a statement prepared once (every append
    /// asks it).
    private static func logSize(in db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(position), 0) FROM event")) ?? 0
    }

    public func record(_ definition: FlowDefinition, hash: DefinitionHash) async throws {
        let body = Data(StoredDefinition.encode(definition))
        try await write { db in
            // Not INSERT OR IGNORE: the database refuses any insert that meets an existing row.
            try db.execute(sql: "INSERT INTO definition (hash, body) SELECT ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM definition WHERE hash = ?1)",
                           arguments: [hash.hex, body])
        }
    }

    public func definitions() async throws -> [DefinitionHash: [UInt8]] {
        try await read { db in
            var result: [DefinitionHash: [UInt8]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT hash, body FROM definition") {
                let body: Data = row[1]
                result[DefinitionHash(hex: row[0])] = Array(body)
            }
            return result
        }
    }

    public func add(_ checkpoint: SignedCheckpoint) async throws {
        try await write { db in
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM checkpoint") ?? 0
            guard checkpoint.number == count + 1 else {
                throw StoreError.checkpointOutOfOrder(expected: count + 1, got: checkpoint.number)
            }
            try db.execute(sql: "INSERT INTO checkpoint (number, origin, tree_size, root_hash, at, public_key, signature) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [checkpoint.number, checkpoint.origin, checkpoint.treeSize, checkpoint.rootHash.hex, checkpoint.at.milliseconds,
                                       checkpoint.publicKey, checkpoint.signature])
            try Self.insert(checkpoint.cosignatures, toCheckpoint: checkpoint.number, db)
        }
    }

    public func add(_ cosignatures: [Cosignature], toCheckpoint number: Int) async throws {
        try await write { db in
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM checkpoint") ?? 0
            guard number >= 1, number <= count else { throw StoreError.noSuchCheckpoint(number, count: count) }
            try Self.insert(cosignatures, toCheckpoint: number, db)
        }
    }

    /// Inserts the cosignatures whose keys have not cosigned checkpoint `number` yet.
    private static func insert(_ cosignatures: [Cosignature], toCheckpoint number: Int, _ db: Database) throws {
        for cosignature in cosignatures {
            try db.execute(sql: """
                INSERT INTO cosignature (checkpoint, public_key, name, cosigned_time, signature, added)
                SELECT ?, ?, ?, ?, ?, (SELECT COUNT(*) FROM cosignature)
                WHERE NOT EXISTS (SELECT 1 FROM cosignature WHERE checkpoint = ? AND public_key = ?)
                """, arguments: [number, cosignature.publicKey, cosignature.name, cosignature.time, cosignature.signature, number, cosignature.publicKey])
        }
    }

    public func checkpoints() async throws -> [SignedCheckpoint] {
        let origin = hasOrigin ? "origin" : "NULL"
        let hasCosignatures = hasCosignatures
        return try await read { db in
            var cosignatures: [Int: [Cosignature]] = [:]
            if hasCosignatures {
                for row in try Row.fetchAll(db, sql: "SELECT checkpoint, name, public_key, cosigned_time, signature FROM cosignature ORDER BY added") {
                    cosignatures[row[0], default: []].append(Cosignature(name: row[1], publicKey: row[2], time: row[3], signature: row[4]))
                }
            }
            return try Row.fetchAll(db, sql: "SELECT number, tree_size, root_hash, at, public_key, signature, \(origin) FROM checkpoint ORDER BY number").map { row in
                guard let root = LogHash(hex: row[2]) else { throw StoreError.corrupt("checkpoint \(row[0] as Int) has a malformed root hash") }
                return SignedCheckpoint(number: row[0], origin: row[6], treeSize: row[1], rootHash: root, at: Timestamp(milliseconds: row[3]),
                                        publicKey: row[4], signature: row[5], cosignatures: cosignatures[row[0]] ?? [])
            }
        }
    }

    public func origin() async throws -> String? {
        guard hasOrigin else { return nil }
        return try await read { db in try String.fetchOne(db, sql: "SELECT origin FROM log_origin") }
    }

    public func name(origin: String) async throws {
        let existing = try await write { db in
            let existing = try String.fetchOne(db, sql: "SELECT origin FROM log_origin")
            if existing == nil { try db.execute(sql: "INSERT INTO log_origin (singleton, origin) VALUES (1, ?)", arguments: [origin]) }
            return existing
        }
        if let existing, existing != origin { throw StoreError.originAlreadySet(existing: existing, requested: origin) }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch let error as DatabaseError {
            throw StoreError.database(error.message ?? error.description)
        }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(body)
        } catch let error as DatabaseError {
            throw StoreError.database(error.message ?? error.description)
        }
    }
}
