import GRDB

/// The SQLite schema as numbered migrations, applied in order when a store opens.
///
/// The database itself refuses every statement that would change or remove a row of history
/// (events, definitions, checkpoints, the log's origin), so history stays append-only even for
/// code that bypasses Assay: UPDATE and DELETE, and also an INSERT that would replace a row
/// (`INSERT OR REPLACE`, `REPLACE INTO`), which SQLite carries out by deleting the old row
/// without firing DELETE triggers. An UPSERT's `DO UPDATE` is an UPDATE and is refused as one.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-append-only-log") { db in
            try db.execute(sql: """
                CREATE TABLE event (
                    position INTEGER PRIMARY KEY,
                    case_id TEXT NOT NULL,
                    case_sequence INTEGER NOT NULL,
                    body BLOB NOT NULL,
                    hash BLOB NOT NULL,
                    UNIQUE (case_id, case_sequence)
                );
                CREATE TABLE definition (
                    hash TEXT PRIMARY KEY,
                    body BLOB NOT NULL
                );
                CREATE TABLE checkpoint (
                    number INTEGER PRIMARY KEY,
                    tree_size INTEGER NOT NULL,
                    root_hash TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    public_key TEXT NOT NULL,
                    signature TEXT NOT NULL
                );
                """)
            for table in ["event", "definition", "checkpoint"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_is_append_only_update BEFORE UPDATE ON \(table)
                    BEGIN SELECT RAISE(ABORT, '\(table) rows are append-only: they cannot be updated'); END;
                    CREATE TRIGGER \(table)_is_append_only_delete BEFORE DELETE ON \(table)
                    BEGIN SELECT RAISE(ABORT, '\(table) rows are append-only: they cannot be deleted'); END;
                    """)
            }
        }
        migrator.registerMigration("v2-no-replacing-inserts-and-origin") { db in
            try db.execute(sql: """
                CREATE TABLE log_origin (
                    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                    origin TEXT NOT NULL
                );
                ALTER TABLE checkpoint ADD COLUMN origin TEXT;
                CREATE TRIGGER log_origin_is_append_only_update BEFORE UPDATE ON log_origin
                BEGIN SELECT RAISE(ABORT, 'the log origin is set once: it cannot be updated'); END;
                CREATE TRIGGER log_origin_is_append_only_delete BEFORE DELETE ON log_origin
                BEGIN SELECT RAISE(ABORT, 'the log origin is set once: it cannot be deleted'); END;
                """)
            // A BEFORE INSERT trigger cannot see the statement's conflict clause, so any insert
            // that meets an existing key is refused; a plain INSERT would have failed anyway.
            let keys = [
                ("event", ["position = NEW.position", "case_id = NEW.case_id AND case_sequence = NEW.case_sequence"]),
                ("definition", ["hash = NEW.hash"]),
                ("checkpoint", ["number = NEW.number"]),
                ("log_origin", ["singleton = NEW.singleton"]),
            ]
            for (table, uniqueKeys) in keys {
                let taken = uniqueKeys.map { "EXISTS (SELECT 1 FROM \(table) WHERE \($0))" }.joined(separator: " OR ")
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_is_never_replaced BEFORE INSERT ON \(table)
                    WHEN \(taken)
                    BEGIN SELECT RAISE(ABORT, '\(table) rows are append-only: an insert cannot replace one'); END;
                    """)
            }
        }
        migrator.registerMigration("v3-derived-indexes") { db in
            // Derived from the log, not history. The deadline index: the engine keeps it on
            // every append and rebuilds it when incomplete (an older store, imported events).
            // The record index: every plugin record's position (the backfill takes every event
            // whose bytes name the kind; a few others that merely mention it do no harm).
            try db.execute(sql: """
                CREATE TABLE case_deadline (case_id TEXT PRIMARY KEY, due_at INTEGER NOT NULL);
                CREATE INDEX case_deadline_by_due ON case_deadline (due_at);
                CREATE TABLE deadline_index (singleton INTEGER PRIMARY KEY CHECK (singleton = 1), complete INTEGER NOT NULL);
                INSERT INTO deadline_index (singleton, complete) SELECT 1, NOT EXISTS (SELECT 1 FROM event);
                CREATE TABLE record_event (position INTEGER PRIMARY KEY);
                INSERT INTO record_event (position) SELECT position FROM event WHERE instr(body, CAST('"kind":"record"' AS BLOB)) > 0;
                """)
        }
        migrator.registerMigration("v4-credentials") { db in
            // Not history: who may sign in to the server. A password's bcrypt hash per account,
            // and the sessions signed in, by the SHA-256 of their token (never the token). The
            // roles themselves are records in the log (the accounts plugin); export, verify and
            // replay never read these tables.
            try db.execute(sql: """
                CREATE TABLE credential (account TEXT PRIMARY KEY, password_hash TEXT NOT NULL);
                CREATE TABLE session (
                    token_hash BLOB PRIMARY KEY,
                    account TEXT NOT NULL,
                    created_ms INTEGER NOT NULL,
                    last_used_ms INTEGER NOT NULL
                );
                CREATE INDEX session_by_account ON session (account);
                """)
        }
        migrator.registerMigration("v5-evidence") { db in
            // Not history: the photos and documents answers name by SHA-256, by case. A file
            // is never replaced; its name (an ODK export's media file) finds it on import.
            try db.execute(sql: """
                CREATE TABLE evidence (
                    case_id TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    media_type TEXT NOT NULL,
                    name TEXT,
                    bytes BLOB NOT NULL,
                    stored_by TEXT NOT NULL,
                    stored_ms INTEGER NOT NULL,
                    PRIMARY KEY (case_id, sha256)
                );
                CREATE INDEX evidence_by_name ON evidence (case_id, name);
                """)
        }
        migrator.registerMigration("v6-subject-index") { db in
            // Derived from the log, not history: every subject, its kind (`case` for a case,
            // `institution`, `data-file`, …) and the position of its first event, so the cases
            // are listed without scanning the log. Backfilled from the log.
            try db.execute(sql: """
                CREATE TABLE subject (name TEXT PRIMARY KEY, kind TEXT NOT NULL, opened INTEGER NOT NULL);
                CREATE INDEX subject_by_kind ON subject (kind, opened);
                INSERT INTO subject (name, kind, opened)
                    SELECT case_id, CASE WHEN instr(case_id, ':') = 0 THEN 'case' ELSE substr(case_id, 1, instr(case_id, ':') - 1) END, position
                    FROM event WHERE case_sequence = 1;
                """)
        }
        migrator.registerMigration("v7-record-plugin") { db in
            // Derived from the log, not history: each record's plugin, so a command that reads
            // one plugin's state folds that plugin's records only. Backfilled from the log.
            try db.execute(sql: """
                ALTER TABLE record_event ADD COLUMN plugin TEXT;
                UPDATE record_event SET plugin = (SELECT json_extract(CAST(body AS TEXT), '$.data.plugin') FROM event WHERE event.position = record_event.position);
                CREATE INDEX record_event_by_plugin ON record_event (plugin, position);
                """)
        }
        migrator.registerMigration("v8-case-region") { db in
            // Derived from the log, not history: each case's institution's region, so the cases
            // of a region are listed without reading every case. Backfilled from the openings.
            try db.execute(sql: """
                ALTER TABLE subject ADD COLUMN region TEXT;
                UPDATE subject SET region = (SELECT json_extract(CAST(body AS TEXT), '$.data.institution.region') FROM event WHERE event.position = subject.opened)
                    WHERE kind = 'case';
                """)
        }
        migrator.registerMigration("v9-subject-deadlines") { db in
            // The deadline index now keeps plugins' deadlines about other subjects beside the
            // cases' stage deadlines (`case_deadline.case_id` names any subject, as
            // `event.case_id` does): left incomplete, for the engine to recompute both.
            try db.execute(sql: "UPDATE deadline_index SET complete = 0 WHERE EXISTS (SELECT 1 FROM event)")
        }
        migrator.registerMigration("v10-cosignatures") { db in
            // History: witnesses' cosignatures of checkpoints, added after each checkpoint and
            // append-only like it; one per witness key and checkpoint.
            try db.execute(sql: """
                CREATE TABLE cosignature (
                    checkpoint INTEGER NOT NULL REFERENCES checkpoint (number),
                    public_key TEXT NOT NULL,
                    name TEXT NOT NULL,
                    cosigned_time INTEGER NOT NULL,
                    signature TEXT NOT NULL,
                    added INTEGER NOT NULL,
                    PRIMARY KEY (checkpoint, public_key)
                );
                CREATE TRIGGER cosignature_is_append_only_update BEFORE UPDATE ON cosignature
                BEGIN SELECT RAISE(ABORT, 'cosignature rows are append-only: they cannot be updated'); END;
                CREATE TRIGGER cosignature_is_append_only_delete BEFORE DELETE ON cosignature
                BEGIN SELECT RAISE(ABORT, 'cosignature rows are append-only: they cannot be deleted'); END;
                CREATE TRIGGER cosignature_is_never_replaced BEFORE INSERT ON cosignature
                WHEN EXISTS (SELECT 1 FROM cosignature WHERE checkpoint = NEW.checkpoint AND public_key = NEW.public_key)
                BEGIN SELECT RAISE(ABORT, 'cosignature rows are append-only: an insert cannot replace one'); END;
                """)
        }
        migrator.registerMigration("v11-case-stage") { db in
            // Derived from the log, not history: the stage each case's last opening or action
            // left it at, so the cases waiting at a stage are listed without reading the others.
            try db.execute(sql: """
                ALTER TABLE subject ADD COLUMN stage TEXT;
                UPDATE subject SET stage = (\(currentStage)) WHERE kind = 'case';
                CREATE INDEX subject_by_stage ON subject (stage, region);
                """)
        }
        return migrator
    }

    /// The stage the latest opening or action of the case a `subject` row names left it at:
    /// what the appends keep in `subject.stage`. A record's canonical bytes name its kind; no
    /// opening's or action's can (their strings escape quotes, and they nest no `kind`).
    static let currentStage = """
        SELECT COALESCE(json_extract(CAST(e.body AS TEXT), '$.data.to'), json_extract(CAST(e.body AS TEXT), '$.data.stage')) FROM event e
            WHERE e.case_id = subject.name AND instr(e.body, CAST('"kind":"record"' AS BLOB)) = 0
            ORDER BY e.case_sequence DESC LIMIT 1
        """

    /// The tables derived from the log, each group with how to make it again from the event
    /// table alone: a store opened to write restores any that is missing, so an index dropped
    /// by hand (one suspected of being wrong) is rebuilt, to the content the appends had kept.
    /// The deadline index is left incomplete, for the engine to recompute under the flows.
    static let derivedIndexes: [(tables: [String], rebuild: String)] = [
        (["record_event"], """
            CREATE TABLE record_event (position INTEGER PRIMARY KEY, plugin TEXT);
            CREATE INDEX record_event_by_plugin ON record_event (plugin, position);
            INSERT INTO record_event (position, plugin)
                SELECT position, json_extract(CAST(body AS TEXT), '$.data.plugin') FROM event
                WHERE instr(body, CAST('"kind":"record"' AS BLOB)) > 0 AND json_extract(CAST(body AS TEXT), '$.kind') = 'record';
            """),
        (["subject"], """
            CREATE TABLE subject (name TEXT PRIMARY KEY, kind TEXT NOT NULL, opened INTEGER NOT NULL, region TEXT, stage TEXT);
            CREATE INDEX subject_by_kind ON subject (kind, opened);
            CREATE INDEX subject_by_stage ON subject (stage, region);
            INSERT INTO subject (name, kind, opened, region)
                SELECT case_id, CASE WHEN instr(case_id, ':') = 0 THEN 'case' ELSE substr(case_id, 1, instr(case_id, ':') - 1) END, position,
                       CASE WHEN instr(case_id, ':') = 0 THEN json_extract(CAST(body AS TEXT), '$.data.institution.region') END
                FROM event WHERE case_sequence = 1;
            UPDATE subject SET stage = (\(currentStage)) WHERE kind = 'case';
            """),
        (["case_deadline", "deadline_index"], """
            DROP TABLE IF EXISTS case_deadline;
            DROP TABLE IF EXISTS deadline_index;
            CREATE TABLE case_deadline (case_id TEXT PRIMARY KEY, due_at INTEGER NOT NULL);
            CREATE INDEX case_deadline_by_due ON case_deadline (due_at);
            CREATE TABLE deadline_index (singleton INTEGER PRIMARY KEY CHECK (singleton = 1), complete INTEGER NOT NULL);
            INSERT INTO deadline_index (singleton, complete) SELECT 1, NOT EXISTS (SELECT 1 FROM event);
            """),
    ]

    /// Makes again, from the log, every derived table that is missing.
    static func restoreDerivedIndexes(_ db: Database) throws {
        for (tables, rebuild) in derivedIndexes where try !tables.allSatisfy({ try db.tableExists($0) }) {
            try db.execute(sql: rebuild)
        }
    }
}
