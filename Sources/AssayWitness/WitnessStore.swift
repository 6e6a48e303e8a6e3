import AssayCore
import Foundation
import GRDB

/// A witness's memory, in a SQLite file of its own, apart from any log's store: its name and
/// key, the logs it watches, every checkpoint it cosigned, and the evidence of forks.
///
/// The witness never forgets: rows are only added. Checking a request against the last
/// cosigned size and remembering the new checkpoint happen in one transaction, so two requests
/// at once cannot roll a log back, and a process killed at any point leaves either the old
/// memory or the new one.
public final class WitnessStore: Sendable {
    private let queue: DatabaseQueue
    public let path: String

    /// A log the witness watches: its origin, and the name and Ed25519 key its notes are signed with.
    public struct WatchedLog: Sendable, Equatable {
        public var origin: String
        public var keyName: String
        public var publicKey: [UInt8]

        public init(origin: String, keyName: String, publicKey: [UInt8]) {
            self.origin = origin
            self.keyName = keyName
            self.publicKey = publicKey
        }
    }

    /// A checkpoint the witness cosigned.
    public struct Cosigned: Sendable, Equatable {
        public var treeSize: Int
        public var rootHash: LogHash
        /// The note as the log sent it.
        public var note: String
        public var cosignedAt: Int
        /// The witness's cosignature line for the note, as it answered.
        public var cosignature: String

        public init(treeSize: Int, rootHash: LogHash, note: String, cosignedAt: Int, cosignature: String) {
            self.treeSize = treeSize
            self.rootHash = rootHash
            self.note = note
            self.cosignedAt = cosignedAt
            self.cosignature = cosignature
        }

        /// The note with the witness's cosignature line added: what a monitor fetches.
        public var cosignedNote: String { note + cosignature }
    }

    /// A refused checkpoint that contradicts what the witness cosigned.
    public struct Evidence: Sendable, Equatable {
        public var reason: String
        /// The last note the witness cosigned for the log.
        public var cosignedNote: String?
        /// The request that was refused: its old size, proof and note.
        public var refusedRequest: String
        public var receivedAt: Int
    }

    /// The witness's name, public key (hex) and the file holding its private key.
    public struct Identity: Sendable, Equatable {
        public var name: String
        public var publicKey: String
        public var keyFile: String

        public init(name: String, publicKey: String, keyFile: String) {
            self.name = name
            self.publicKey = publicKey
            self.keyFile = keyFile
        }
    }

    /// Opens the witness's store at `path`; it must exist unless `create` is set. A store opened
    /// `readOnly` is neither migrated nor written.
    public init(path: String, create: Bool = false, readOnly: Bool = false) throws {
        if !create && !FileManager.default.fileExists(atPath: path) {
            throw StoreError.unreachable("there is no witness at \(path); check the path (--state), or create one with `assay witness init --state \(path) --key KEYFILE --name NAME`")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.readonly = readOnly
        if !readOnly { configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") } }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        self.path = path
        if readOnly {
            guard try queue.read(Self.migrator.hasCompletedMigrations) else {
                throw StoreError.unreachable("\(path) is not a witness's store, or one written by another version of Assay")
            }
        } else {
            try Self.migrator.migrate(queue)
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-witness") { db in
            try db.execute(sql: """
                CREATE TABLE witness (singleton INTEGER PRIMARY KEY CHECK (singleton = 1), name TEXT NOT NULL, public_key TEXT NOT NULL, key_file TEXT NOT NULL);
                CREATE TABLE log (origin TEXT PRIMARY KEY, key_name TEXT NOT NULL, public_key TEXT NOT NULL);
                CREATE TABLE cosigned (
                    origin TEXT NOT NULL REFERENCES log (origin),
                    tree_size INTEGER NOT NULL,
                    root_hash TEXT NOT NULL,
                    note TEXT NOT NULL,
                    cosigned_at INTEGER NOT NULL,
                    cosignature TEXT NOT NULL,
                    PRIMARY KEY (origin, tree_size)
                );
                CREATE TABLE evidence (
                    id INTEGER PRIMARY KEY,
                    origin TEXT NOT NULL REFERENCES log (origin),
                    reason TEXT NOT NULL,
                    cosigned_note TEXT,
                    refused_request TEXT NOT NULL,
                    received_at INTEGER NOT NULL
                );
                """)
            for table in ["witness", "log", "cosigned", "evidence"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_is_kept_update BEFORE UPDATE ON \(table)
                    BEGIN SELECT RAISE(ABORT, 'a witness never forgets: \(table) rows cannot be updated'); END;
                    CREATE TRIGGER \(table)_is_kept_delete BEFORE DELETE ON \(table)
                    BEGIN SELECT RAISE(ABORT, 'a witness never forgets: \(table) rows cannot be deleted'); END;
                    """)
            }
        }
        return migrator
    }

    /// Records the witness's name and key, once.
    public func initialise(_ identity: Identity) throws {
        try queue.write { db in
            if let existing = try Row.fetchOne(db, sql: "SELECT name, public_key FROM witness") {
                throw StoreError.unreachable("\(path) already holds the witness '\(existing["name"] as String)' (key \(existing["public_key"] as String)); a witness's store is initialised once")
            }
            try db.execute(sql: "INSERT INTO witness (singleton, name, public_key, key_file) VALUES (1, ?, ?, ?)",
                           arguments: [identity.name, identity.publicKey, identity.keyFile])
        }
    }

    /// The witness's name and key; nil before `initialise`.
    public func identity() throws -> Identity? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT name, public_key, key_file FROM witness").map {
                Identity(name: $0[0], publicKey: $0[1], keyFile: $0[2])
            }
        }
    }

    /// Starts watching `log`. Adding a log already watched with the same key does nothing; with
    /// another key it is refused, since the witness's memory of the log is bound to its key.
    public func add(_ log: WatchedLog) throws {
        try queue.write { db in
            if let existing = try Row.fetchOne(db, sql: "SELECT key_name, public_key FROM log WHERE origin = ?", arguments: [log.origin]) {
                guard existing[0] == log.keyName, existing[1] == Hex.encode(log.publicKey) else {
                    throw StoreError.unreachable("the witness already watches '\(log.origin)' with the key \(existing[1] as String) named '\(existing[0] as String)'; a log's key is not replaced")
                }
                return
            }
            try db.execute(sql: "INSERT INTO log (origin, key_name, public_key) VALUES (?, ?, ?)",
                           arguments: [log.origin, log.keyName, Hex.encode(log.publicKey)])
        }
    }

    /// Every log the witness watches, by origin.
    public func logs() throws -> [WatchedLog] {
        try queue.read { db in try Self.logs(db, origin: nil) }
    }

    private static func logs(_ db: Database, origin: String?) throws -> [WatchedLog] {
        let filter = origin == nil ? "" : "WHERE origin = ?"
        return try Row.fetchAll(db, sql: "SELECT origin, key_name, public_key FROM log \(filter) ORDER BY origin", arguments: StatementArguments(origin.map { [$0] } ?? [])).map { row in
            guard let key = Hex.decode(row[2] as String) else { throw StoreError.corrupt("the key of the log '\(row[0] as String)' is not hex") }
            return WatchedLog(origin: row[0], keyName: row[1], publicKey: key)
        }
    }

    /// Every checkpoint of `origin` the witness cosigned, smallest first.
    public func cosigned(_ origin: String) throws -> [Cosigned] {
        try queue.read { db in try Self.cosigned(db, origin: origin, latestOnly: false) }
    }

    private static func cosigned(_ db: Database, origin: String, latestOnly: Bool) throws -> [Cosigned] {
        let order = latestOnly ? "DESC LIMIT 1" : "ASC"
        return try Row.fetchAll(db, sql: "SELECT tree_size, root_hash, note, cosigned_at, cosignature FROM cosigned WHERE origin = ? ORDER BY tree_size \(order)",
                                arguments: [origin]).map { row in
            guard let root = LogHash(hex: row[1]) else { throw StoreError.corrupt("a cosigned root of '\(origin)' is not hex") }
            return Cosigned(treeSize: row[0], rootHash: root, note: row[2], cosignedAt: row[3], cosignature: row[4])
        }
    }

    /// The evidence of forks the witness kept for `origin`, oldest first.
    public func evidence(_ origin: String) throws -> [Evidence] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT reason, cosigned_note, refused_request, received_at FROM evidence WHERE origin = ? ORDER BY id", arguments: [origin]).map {
                Evidence(reason: $0[0], cosignedNote: $0[1], refusedRequest: $0[2], receivedAt: $0[3])
            }
        }
    }

    /// What the witness decided about a checkpoint of a watched log.
    public enum Decision: Sendable {
        /// Remember this checkpoint as cosigned (a checkpoint already remembered stays once).
        case cosign(Cosigned)
        /// Refuse, keeping `evidence` if any.
        case refuse(WitnessError, evidence: Evidence?)
    }

    /// Reads what the witness knows of `origin` (nil: not watched) and its last cosigned
    /// checkpoint, lets `decide` judge, and carries out the decision, all in one immediate
    /// transaction. Returns the checkpoint remembered, or throws the refusal after keeping its
    /// evidence.
    public func decide(_ origin: String, _ decide: (WatchedLog?, Cosigned?) throws(WitnessError) -> Decision) throws -> Cosigned {
        let decision: Decision = try queue.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            do {
                let decision = try decide(try Self.logs(db, origin: origin).first, try Self.cosigned(db, origin: origin, latestOnly: true).first)
                switch decision {
                case .cosign(let checkpoint):
                    try db.execute(sql: "INSERT OR IGNORE INTO cosigned (origin, tree_size, root_hash, note, cosigned_at, cosignature) VALUES (?, ?, ?, ?, ?, ?)",
                                   arguments: [origin, checkpoint.treeSize, checkpoint.rootHash.hex, checkpoint.note, checkpoint.cosignedAt, checkpoint.cosignature])
                case .refuse(_, let evidence?):
                    try db.execute(sql: "INSERT INTO evidence (origin, reason, cosigned_note, refused_request, received_at) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [origin, evidence.reason, evidence.cosignedNote, evidence.refusedRequest, evidence.receivedAt])
                case .refuse(_, nil):
                    break
                }
                try db.execute(sql: "COMMIT")
                return decision
            } catch {
                try? db.execute(sql: "ROLLBACK")
                throw error
            }
        }
        switch decision {
        case .cosign(let checkpoint): return checkpoint
        case .refuse(let error, _): throw error
        }
    }
}
