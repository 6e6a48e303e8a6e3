import GRDB

/// The SQLite schema as numbered migrations, applied in order when a store opens.
///
/// The database itself refuses UPDATE and DELETE of events, definitions and checkpoints, so
/// history stays append-only even for code that bypasses Assay.
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
        return migrator
    }
}
