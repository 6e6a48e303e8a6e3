import AssayCore
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// A store on PostgreSQL, for a commission that runs several servers on one database.
///
/// Appends take a transaction-scoped advisory lock, so log positions are handed out in order
/// with no gaps, and the unique (case, sequence) index lets exactly one server win each case
/// version.
public final class PostgresEventStore: EventStore {
    private let client: PostgresClient
    private let runTask: Task<Void, Never>
    /// Whether the schema has the log's origin (migration v2); a store opened to read keeps
    /// the schema it was written with.
    private let hasOrigin: Bool
    /// Whether the schema has the deadline and record indexes (migration v3); a store opened
    /// read-only keeps the schema it was written with.
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

    /// The advisory lock that serialises appends to the global log.
    private static let logLock: Int64 = 6962

    /// How many seconds a connection may take before the store is reported unreachable.
    static let connectTimeoutSeconds: Int64 = 5

    /// Connects to the database `url` names (`postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`)
    /// for `access` (see `StoreAccess`): to read, it must already hold a store and is not
    /// migrated; otherwise pending migrations are applied. An unreachable server is reported
    /// within seconds, in one sentence.
    public init(url: String, access: StoreAccess = .create) async throws {
        guard let parts = URLParts(url), let user = parts.user, let database = parts.database else {
            throw StoreError.unknownLocation(url)
        }
        let place = "\(parts.host):\(parts.port ?? 5432)/\(database)"
        try await Self.probe(PostgresConnection.Configuration(host: parts.host, port: parts.port ?? 5432, username: user,
                                                              password: parts.password, database: database, tls: .disable), at: place)
        var configuration = PostgresClient.Configuration(host: parts.host, port: parts.port ?? 5432, username: user,
                                                         password: parts.password, database: database, tls: .disable)
        configuration.options.connectTimeout = .seconds(Self.connectTimeoutSeconds)
        client = PostgresClient(configuration: configuration, backgroundLogger: Self.logger)
        let client = client
        runTask = Task { await client.run() }
        // Let the client start running before the first lease.
        await Task.yield()
        do {
            if access.isReadOnly {
                let applied = try await Self.appliedMigrations(client)
                guard !applied.isEmpty else { throw StoreError.missing("postgres://\(place)") }
                guard Set(applied).isSubset(of: Set(PostgresSchema.ids)) else {
                    throw StoreError.newerSchema(found: applied, known: PostgresSchema.ids)
                }
                hasOrigin = applied.contains("v2-origin")
                hasDerivedIndexes = applied.contains("v3-derived-indexes")
                hasSubjectIndex = applied.contains("v6-subject-index")
                hasRecordPlugins = applied.contains("v7-record-plugin")
                hasCaseRegions = applied.contains("v8-case-region")
                hasCaseStages = applied.contains("v11-case-stage")
                hasCosignatures = applied.contains("v10-cosignatures")
            } else {
                try await Self.migrate(client)
                hasOrigin = true
                hasDerivedIndexes = true
                hasSubjectIndex = true
                hasRecordPlugins = true
                hasCaseRegions = true
                hasCaseStages = true
                hasCosignatures = true
            }
        } catch {
            runTask.cancel()
            throw error
        }
    }

    deinit {
        runTask.cancel()
    }

    /// Connects once, to report an unreachable server or a refused login as one sentence
    /// instead of a connection pool retrying in the background.
    private static func probe(_ configuration: PostgresConnection.Configuration, at place: String) async throws {
        var configuration = configuration
        configuration.options.connectTimeout = .seconds(connectTimeoutSeconds)
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try await connection.close()
        } catch let error as PSQLError {
            let reason: String
            if let message = error.serverInfo?[.message] {
                reason = message
            } else if let underlying = error.underlying {
                let text = String(describing: underlying)
                reason = text.contains("refused") ? "connection refused"
                    : text.contains("connectTimeout") || text.contains("timed out") ? "no answer within \(connectTimeoutSeconds) seconds"
                    : text
            } else {
                reason = String(describing: error.code)
            }
            throw StoreError.unreachable("cannot connect to PostgreSQL at \(place): \(reason)")
        } catch {
            throw StoreError.unreachable("cannot connect to PostgreSQL at \(place): \(error)")
        }
    }

    /// The ids of the migrations applied; empty when the database holds no store.
    private static func appliedMigrations(_ client: PostgresClient) async throws -> [String] {
        let exists = try await client.query("SELECT to_regclass('assay_migration') IS NOT NULL", logger: logger)
        for try await found in exists.decode(Bool.self) where !found { return [] }
        var applied: [String] = []
        for try await id in try await client.query("SELECT id FROM assay_migration ORDER BY id", logger: logger).decode(String.self) {
            applied.append(id)
        }
        return applied
    }

    /// Applies the pending migrations, then makes again from the log any derived table that is
    /// missing.
    private static func migrate(_ client: PostgresClient) async throws {
        try await transaction(on: client) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.logLock + 1))", logger: Self.logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS assay_migration (id TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())", logger: Self.logger)
            var applied: [String] = []
            for try await id in try await connection.query("SELECT id FROM assay_migration ORDER BY id", logger: Self.logger).decode(String.self) {
                applied.append(id)
            }
            guard Set(applied).isSubset(of: Set(PostgresSchema.ids)) else {
                throw StoreError.newerSchema(found: applied, known: PostgresSchema.ids)
            }
            for migration in PostgresSchema.migrations where !applied.contains(migration.id) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: Self.logger)
                }
                try await connection.query("INSERT INTO assay_migration (id) VALUES (\(migration.id))", logger: Self.logger)
            }
            // A derived table that is missing (dropped by hand) is made again from the log.
            let derived = PostgresSchema.derivedIndexes.flatMap(\.tables)
            var missing: Set<String> = []
            let absent = try await connection.query("SELECT t FROM unnest(\(derived)::TEXT[]) AS t WHERE to_regclass(t) IS NULL", logger: Self.logger)
            for try await table in absent.decode(String.self) { missing.insert(table) }
            for (tables, rebuild) in PostgresSchema.derivedIndexes where !missing.isDisjoint(with: tables) {
                for statement in rebuild {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: Self.logger)
                }
            }
        }
    }

    @discardableResult
    public func append(_ batch: [CaseAppend]) async throws -> Range<Int> {
        for item in batch { try StoreError.validate(item.events, expectedVersion: item.expectedVersion) }
        let encoded = RowsEncodedAhead(batch)
        defer { encoded.stop() }
        var appends: (subjects: [String], expected: [Int], counts: [Int]) = ([], [], [])
        var subjects: [String] = [], sequences: [Int] = [], bodies: [ByteBuffer] = [], hashes: [ByteBuffer] = []
        var records: (offsets: [Int], plugins: [String]) = ([], [])
        var opened: (offsets: [Int], names: [String], kinds: [String], regions: [String], stages: [String]) = ([], [], [], [], [])
        // The stage each case's last action in the batch leaves it at.
        var moved: [String: String] = [:]
        for number in encoded.parts.indices {
            let part = encoded.part(number)
            for (item, rows) in part.appends(of: batch) {
                guard let caseID = item.events.first?.subject else { continue }
                appends.subjects.append(caseID.value)
                appends.expected.append(item.expectedVersion)
                appends.counts.append(item.events.count)
                for (event, row) in zip(item.events, rows) {
                    subjects.append(caseID.value)
                    sequences.append(event.sequence)
                    bodies.append(ByteBuffer(bytes: part.bytes[row.body]))
                    hashes.append(row.hash.withUnsafeBytes { ByteBuffer(bytes: $0) })
                    if let plugin = row.plugin {
                        records.offsets.append(subjects.count)
                        records.plugins.append(plugin)
                    }
                    if event.sequence == 1 {
                        opened.offsets.append(subjects.count)
                        opened.names.append(caseID.value)
                        opened.kinds.append(caseID.kind)
                        opened.regions.append(row.region ?? "")
                        opened.stages.append(row.stage ?? "")
                    } else if let stage = row.stage {
                        moved[caseID.value] = stage
                    }
                }
            }
        }
        let deadlines = DeadlineChanges(batch)
        do {
            // One round trip: the function takes the log's lock, checks the versions and inserts
            // every row (PostgresSchema.appendFunction), in the call's own transaction.
            let rows = try await query("""
                SELECT log_size, subject_name, subject_version FROM assay_append(\(Self.logLock),
                    \(appends.subjects)::TEXT[], \(appends.expected)::BIGINT[], \(appends.counts)::BIGINT[],
                    \(subjects)::TEXT[], \(sequences)::BIGINT[], \(bodies)::BYTEA[], \(hashes)::BYTEA[],
                    \(records.offsets)::BIGINT[], \(records.plugins)::TEXT[],
                    \(opened.offsets)::BIGINT[], \(opened.names)::TEXT[], \(opened.kinds)::TEXT[], \(opened.regions)::TEXT[], \(opened.stages)::TEXT[],
                    \(Array(moved.keys))::TEXT[], \(Array(moved.values))::TEXT[],
                    \(Array(deadlines.removed))::TEXT[], \(Array(deadlines.due.keys))::TEXT[], \(Array(deadlines.due.values))::BIGINT[], \(deadlines.incomplete))
                """)
            var versions: [String: Int] = [:]
            for try await (size, subject, version) in rows.decode((Int?, String?, Int?).self) {
                if let size { return size + 1..<size + subjects.count + 1 }
                if let subject, let version { versions[subject] = version }
            }
            throw Self.firstConflict(in: batch, versions: versions)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == PostgresError.Code.uniqueViolation.raw {
            let caseID = batch.first?.events.first?.subject ?? ""
            let actual = try await client.withConnection { try await Self.version(of: caseID, on: $0) }
            throw StoreError.versionConflict(caseID, expected: batch.first?.expectedVersion ?? 0, actual: actual)
        }
    }

    /// The first append of `batch` whose expected version is not its subject's, counting the
    /// log's `versions` (a subject absent has none) and the batch's earlier appends.
    private static func firstConflict(in batch: [CaseAppend], versions: [String: Int]) -> StoreError {
        var reached = versions
        for item in batch {
            guard let caseID = item.events.first?.subject else { continue }
            let actual = reached[caseID.value] ?? 0
            guard actual == item.expectedVersion else { return .versionConflict(caseID, expected: item.expectedVersion, actual: actual) }
            reached[caseID.value] = actual + item.events.count
        }
        return .database("assay_append found a version conflict that the versions it returned do not show")
    }

    public func subjectsDue(at now: Timestamp) async throws -> [Subject]? {
        guard hasDerivedIndexes else { return nil }
        var complete = false
        for try await flag in try await query("SELECT complete FROM deadline_index").decode(Bool.self) { complete = flag }
        guard complete else { return nil }
        var ids: [Subject] = []
        let rows = try await query("""
            SELECT d.case_id FROM case_deadline d JOIN event e ON e.case_id = d.case_id AND e.case_sequence = 1
            WHERE d.due_at <= \(now.milliseconds) ORDER BY e.position
            """)
        for try await id in rows.decode(String.self) { ids.append(Subject(id)) }
        return ids
    }

    public func replaceDeadlines(_ deadlines: [Subject: Timestamp], asOfLogSize logSize: Int) async throws {
        guard hasDerivedIndexes else { return }
        try await transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.logLock))", logger: Self.logger)
            guard try await Self.logSize(on: connection) == logSize else { return }
            try await connection.query("DELETE FROM case_deadline", logger: Self.logger)
            for (id, at) in deadlines {
                try await connection.query("INSERT INTO case_deadline (case_id, due_at) VALUES (\(id.value), \(at.milliseconds))", logger: Self.logger)
            }
            try await connection.query("UPDATE deadline_index SET complete = true", logger: Self.logger)
        }
    }

    private static func version(of caseID: CaseID, on connection: PostgresConnection) async throws -> Int {
        try await single(Int.self, "SELECT COALESCE(MAX(case_sequence), 0)::BIGINT FROM event WHERE case_id = \(caseID.value)", on: connection)
    }

    public func events(of subject: Subject) async throws -> [Event] {
        try await events(of: subject, after: 0)
    }

    public func events(of subject: Subject, after sequence: Int) async throws -> [Event] {
        let rows = try await query("SELECT body FROM event WHERE case_id = \(subject.value) AND case_sequence > \(sequence) ORDER BY case_sequence")
        var events: [Event] = []
        for try await body in rows.decode(ByteBuffer.self) {
            events.append(try Self.decodeEvent(body, subject: subject))
        }
        return events
    }

    public func caseIDs() async throws -> [CaseID] {
        var ids: [CaseID] = []
        let sql: PostgresQuery = hasSubjectIndex ? "SELECT name FROM subject WHERE kind = 'case' ORDER BY opened"
                                                 : "SELECT case_id FROM event WHERE case_sequence = 1 AND strpos(case_id, ':') = 0 ORDER BY position"
        for try await id in try await query(sql).decode(String.self) {
            ids.append(CaseID(id))
        }
        return ids
    }

    public func caseIDs(inside region: RegionCode) async throws -> [CaseID] {
        guard hasCaseRegions else { return try await scanningForCaseIDs(inside: region) }
        let prefix = region.containedPrefix
        var ids: [CaseID] = []
        let rows = try await query("SELECT name FROM subject WHERE kind = 'case' AND region LIKE \(prefix + "%") ORDER BY opened")
        for try await id in rows.decode(String.self) { ids.append(CaseID(id)) }
        return ids
    }

    public func caseChanges(inside region: RegionCode?, atStages stages: Set<String>?, withRecordsOf plugins: Set<String>) async throws -> [Event] {
        guard hasCaseRegions, hasCaseStages || stages == nil else {
            return try await scanningForCaseChanges(inside: region, atStages: stages, withRecordsOf: plugins)
        }
        let rows = try await query("""
            SELECT e.case_id, e.body FROM subject s JOIN event e ON e.case_id = s.name LEFT JOIN record_event r ON r.position = e.position
            WHERE s.kind = 'case' AND s.region LIKE \((region?.containedPrefix ?? "") + "%")
            AND (\(stages == nil) OR s.stage = ANY(\(stages?.sorted() ?? [])))
            AND (r.position IS NULL OR r.plugin = ANY(\(plugins.sorted())))
            ORDER BY s.opened, e.case_sequence
            """)
        var events: [Event] = []
        for try await (id, body) in rows.decode((String, ByteBuffer).self) {
            events.append(try Self.decodeEvent(body, subject: CaseID(id)))
        }
        return events
    }

    public func versions(of subjects: [Subject]) async throws -> [Subject: Int] {
        var versions = Dictionary(subjects.map { ($0, 0) }) { first, _ in first }
        let names = versions.keys.map(\.value)
        let rows = try await query("SELECT case_id, MAX(case_sequence)::BIGINT FROM event WHERE case_id = ANY(\(names)) GROUP BY case_id")
        for try await (id, version) in rows.decode((String, Int).self) { versions[Subject(id)] = version }
        return versions
    }

    public func caseVersions() async throws -> [Subject: Int] {
        var versions: [CaseID: Int] = [:]
        for try await (id, version) in try await query("SELECT case_id, MAX(case_sequence)::BIGINT FROM event GROUP BY case_id").decode((String, Int).self) {
            versions[CaseID(id)] = version
        }
        return versions
    }

    public func entries(from position: Int, limit: Int) async throws -> [LogEntry] {
        try await entries(try await query("SELECT position, case_id, case_sequence, body, hash FROM event WHERE position >= \(position) ORDER BY position LIMIT \(limit)"))
    }

    public func recordEntries(from position: Int, limit: Int) async throws -> [LogEntry] {
        guard hasDerivedIndexes else { return try await scanningForRecordEntries(from: position, limit: limit) }
        return try await entries(try await query("""
            SELECT e.position, e.case_id, e.case_sequence, e.body, e.hash FROM record_event r JOIN event e ON e.position = r.position
            WHERE r.position >= \(position) ORDER BY r.position LIMIT \(limit)
            """))
    }

    public func recordEntries(of plugin: String, from position: Int, limit: Int) async throws -> [LogEntry] {
        guard hasRecordPlugins else { return try await scanningForRecordEntries(of: plugin, from: position, limit: limit) }
        return try await entries(try await query("""
            SELECT e.position, e.case_id, e.case_sequence, e.body, e.hash FROM record_event r JOIN event e ON e.position = r.position
            WHERE r.plugin = \(plugin) AND r.position >= \(position) ORDER BY r.position LIMIT \(limit)
            """))
    }

    public func dataFileEntries(of plugin: String) async throws -> [LogEntry] {
        guard hasSubjectIndex, hasRecordPlugins else { return try await scanningForDataFileEntries(of: plugin) }
        return try await entries(try await query("""
            SELECT e.position, e.case_id, e.case_sequence, e.body, e.hash FROM subject s JOIN event e ON e.case_id = s.name
            JOIN record_event r ON r.position = e.position WHERE s.kind = \(DataFileKind.recordType) AND r.plugin = \(plugin) ORDER BY e.position
            """))
    }

    public func entries(of subject: Subject) async throws -> [LogEntry] {
        try await entries(try await query("SELECT position, case_id, case_sequence, body, hash FROM event WHERE case_id = \(subject.value) ORDER BY case_sequence"))
    }

    /// The entries of rows of `position, case_id, case_sequence, body, hash`, each row's cells
    /// read one by one: decoding a row as a tuple looked the tuple's type up again for every row.
    private func entries(_ rows: PostgresRowSequence) async throws -> [LogEntry] {
        var entries: [LogEntry] = []
        var subjects = RepeatedSubject()
        for try await row in rows {
            var cells = row.makeIterator()
            guard let position = cells.next(), let caseID = cells.next()?.bytes, let sequence = cells.next(),
                  let body = cells.next()?.bytes, let hash = cells.next()?.bytes else {
                throw StoreError.corrupt("an event row lacks its position, case, sequence, body or hash")
            }
            entries.append(LogEntry(position: try position.decode(Int.self), subject: caseID.withUnsafeReadableBytes { subjects.subject($0) },
                                    sequence: try sequence.decode(Int.self), body: Array(body.readableBytesView),
                                    hash: hash.withUnsafeReadableBytes { LogHash(copying: $0) }))
        }
        return entries
    }

    public func logSize() async throws -> Int {
        try await client.withConnection { try await Self.logSize(on: $0) }
    }

    private static func logSize(on connection: PostgresConnection) async throws -> Int {
        try await single(Int.self, "SELECT COALESCE(MAX(position), 0)::BIGINT FROM event", on: connection)
    }

    public func record(_ definition: FlowDefinition, hash: DefinitionHash) async throws {
        let body = ByteBuffer(bytes: StoredDefinition.encode(definition))
        try await query("INSERT INTO definition (hash, body) VALUES (\(hash.hex), \(body)) ON CONFLICT (hash) DO NOTHING")
    }

    public func definitions() async throws -> [DefinitionHash: [UInt8]] {
        var result: [DefinitionHash: [UInt8]] = [:]
        for try await (hash, body) in try await query("SELECT hash, body FROM definition").decode((String, ByteBuffer).self) {
            result[DefinitionHash(hex: hash)] = Array(body.readableBytesView)
        }
        return result
    }

    public func add(_ checkpoint: SignedCheckpoint) async throws {
        try await transaction { connection in
            try await connection.query("LOCK TABLE checkpoint IN EXCLUSIVE MODE", logger: Self.logger)
            let count = try await Self.single(Int.self, "SELECT COUNT(*)::BIGINT FROM checkpoint", on: connection)
            guard checkpoint.number == count + 1 else {
                throw StoreError.checkpointOutOfOrder(expected: count + 1, got: checkpoint.number)
            }
            try await connection.query("""
                INSERT INTO checkpoint (number, origin, tree_size, root_hash, at, public_key, signature)
                VALUES (\(checkpoint.number), \(checkpoint.origin), \(checkpoint.treeSize), \(checkpoint.rootHash.hex), \(checkpoint.at.milliseconds), \(checkpoint.publicKey), \(checkpoint.signature))
                """, logger: Self.logger)
            try await Self.insert(checkpoint.cosignatures, toCheckpoint: checkpoint.number, on: connection)
        }
    }

    public func add(_ cosignatures: [Cosignature], toCheckpoint number: Int) async throws {
        try await transaction { connection in
            try await connection.query("LOCK TABLE cosignature IN EXCLUSIVE MODE", logger: Self.logger)
            let count = try await Self.single(Int.self, "SELECT COUNT(*)::BIGINT FROM checkpoint", on: connection)
            guard number >= 1, number <= count else { throw StoreError.noSuchCheckpoint(number, count: count) }
            try await Self.insert(cosignatures, toCheckpoint: number, on: connection)
        }
    }

    /// Inserts the cosignatures whose keys have not cosigned checkpoint `number` yet.
    private static func insert(_ cosignatures: [Cosignature], toCheckpoint number: Int, on connection: PostgresConnection) async throws {
        for cosignature in cosignatures {
            try await connection.query("""
                INSERT INTO cosignature (checkpoint, public_key, name, cosigned_time, signature, added)
                SELECT \(number), \(cosignature.publicKey), \(cosignature.name), \(cosignature.time), \(cosignature.signature), (SELECT COUNT(*) FROM cosignature)
                WHERE NOT EXISTS (SELECT 1 FROM cosignature WHERE checkpoint = \(number) AND public_key = \(cosignature.publicKey))
                """, logger: Self.logger)
        }
    }

    public func checkpoints() async throws -> [SignedCheckpoint] {
        var cosignatures: [Int: [Cosignature]] = [:]
        if hasCosignatures {
            let rows = try await query("SELECT checkpoint, name, public_key, cosigned_time, signature FROM cosignature ORDER BY added")
            for try await (number, name, key, time, signature) in rows.decode((Int, String, String, Int, String).self) {
                cosignatures[number, default: []].append(Cosignature(name: name, publicKey: key, time: time, signature: signature))
            }
        }
        var checkpoints: [SignedCheckpoint] = []
        let rows = try await query(PostgresQuery(unsafeSQL: "SELECT number, tree_size, root_hash, at, public_key, signature, \(hasOrigin ? "origin" : "NULL::TEXT") FROM checkpoint ORDER BY number"))
        for try await (number, size, root, at, key, signature, origin) in rows.decode((Int, Int, String, Int64, String, String, String?).self) {
            guard let rootHash = LogHash(hex: root) else { throw StoreError.corrupt("checkpoint \(number) has a malformed root hash") }
            checkpoints.append(SignedCheckpoint(number: number, origin: origin, treeSize: size, rootHash: rootHash, at: Timestamp(milliseconds: at),
                                                publicKey: key, signature: signature, cosignatures: cosignatures[number] ?? []))
        }
        return checkpoints
    }

    public func origin() async throws -> String? {
        guard hasOrigin else { return nil }
        for try await origin in try await query("SELECT origin FROM log_origin").decode(String.self) {
            return origin
        }
        return nil
    }

    public func name(origin: String) async throws {
        try await query("INSERT INTO log_origin (singleton, origin) VALUES (1, \(origin)) ON CONFLICT (singleton) DO NOTHING")
        if let existing = try await self.origin(), existing != origin {
            throw StoreError.originAlreadySet(existing: existing, requested: origin)
        }
    }

    // MARK: - Helpers

    private static let logger = Logger(label: "assay.postgres")

    @discardableResult
    func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        try await client.query(query, logger: Self.logger)
    }

    private static func single<T: PostgresDecodable & Sendable>(_ type: T.Type, _ query: PostgresQuery, on connection: PostgresConnection) async throws -> T {
        for try await value in try await connection.query(query, logger: logger).decode(T.self) {
            return value
        }
        throw StoreError.database("the query returned no row")
    }

    private static func decodeEvent(_ body: ByteBuffer, subject: Subject) throws -> Event {
        do {
            return try Event(canonical: Array(body.readableBytesView))
        } catch {
            throw StoreError.corrupt("an event about \(subject) is not a canonical event: \(error)")
        }
    }

    /// Runs `body` in a transaction on one connection: committed if it returns, rolled back
    /// (and its error rethrown as is) if it throws.
    private func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await Self.transaction(on: client, body)
    }

    private static func transaction<T: Sendable>(on client: PostgresClient, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await connection.query("BEGIN", logger: Self.logger)
            do {
                let result = try await body(connection)
                try await connection.query("COMMIT", logger: Self.logger)
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: Self.logger)
                throw error
            }
        }
    }
}
