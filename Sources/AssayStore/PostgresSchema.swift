/// The PostgreSQL schema as numbered migrations, each a list of statements applied in order.
///
/// Triggers refuse UPDATE, DELETE and TRUNCATE of every table of history (events, definitions,
/// checkpoints, the log's origin), so history stays append-only even for clients that bypass
/// Assay. PostgreSQL has no replacing insert; an UPSERT's `DO UPDATE` fires the UPDATE trigger.
enum PostgresSchema {
    static let migrations: [(id: String, statements: [String])] = [
        ("v1-append-only-log", [
            """
            CREATE TABLE event (
                position BIGINT PRIMARY KEY,
                case_id TEXT NOT NULL,
                case_sequence INTEGER NOT NULL,
                body BYTEA NOT NULL,
                hash BYTEA NOT NULL,
                UNIQUE (case_id, case_sequence)
            )
            """,
            "CREATE TABLE definition (hash TEXT PRIMARY KEY, body BYTEA NOT NULL)",
            """
            CREATE TABLE checkpoint (
                number INTEGER PRIMARY KEY,
                tree_size BIGINT NOT NULL,
                root_hash TEXT NOT NULL,
                at BIGINT NOT NULL,
                public_key TEXT NOT NULL,
                signature TEXT NOT NULL
            )
            """,
            """
            CREATE FUNCTION assay_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% rows are append-only: they cannot be changed or removed', TG_TABLE_NAME;
            END
            $$
            """,
        ] + ["event", "definition", "checkpoint"].flatMap { table in [
            "CREATE TRIGGER \(table)_is_append_only BEFORE UPDATE OR DELETE ON \(table) FOR EACH ROW EXECUTE FUNCTION assay_refuse_change()",
            "CREATE TRIGGER \(table)_is_not_truncated BEFORE TRUNCATE ON \(table) FOR EACH STATEMENT EXECUTE FUNCTION assay_refuse_change()",
        ] }),
        ("v2-origin", [
            "CREATE TABLE log_origin (singleton INTEGER PRIMARY KEY CHECK (singleton = 1), origin TEXT NOT NULL)",
            "ALTER TABLE checkpoint ADD COLUMN origin TEXT",
            "CREATE TRIGGER log_origin_is_append_only BEFORE UPDATE OR DELETE ON log_origin FOR EACH ROW EXECUTE FUNCTION assay_refuse_change()",
            "CREATE TRIGGER log_origin_is_not_truncated BEFORE TRUNCATE ON log_origin FOR EACH STATEMENT EXECUTE FUNCTION assay_refuse_change()",
        ]),
        // Derived from the log, not history: the deadline index, which the engine keeps on every
        // append and rebuilds when incomplete (an older store, imported events); the record index
        // (the backfill takes every event whose bytes name the kind: a few extra do no harm).
        ("v3-derived-indexes", [
            "CREATE TABLE case_deadline (case_id TEXT PRIMARY KEY, due_at BIGINT NOT NULL)",
            "CREATE INDEX case_deadline_by_due ON case_deadline (due_at)",
            "CREATE TABLE deadline_index (singleton INTEGER PRIMARY KEY CHECK (singleton = 1), complete BOOLEAN NOT NULL)",
            "INSERT INTO deadline_index (singleton, complete) SELECT 1, NOT EXISTS (SELECT 1 FROM event)",
            "CREATE TABLE record_event (position BIGINT PRIMARY KEY)",
            "INSERT INTO record_event (position) SELECT position FROM event WHERE position(convert_to('\"kind\":\"record\"', 'UTF8') IN body) > 0",
        ]),
        // Not history: who may sign in to the server (see SQLiteSchema's v4).
        ("v4-credentials", [
            "CREATE TABLE credential (account TEXT PRIMARY KEY, password_hash TEXT NOT NULL)",
            "CREATE TABLE session (token_hash BYTEA PRIMARY KEY, account TEXT NOT NULL, created_ms BIGINT NOT NULL, last_used_ms BIGINT NOT NULL)",
            "CREATE INDEX session_by_account ON session (account)",
        ]),
        // Not history: the files answers name by SHA-256 (see SQLiteSchema's v5).
        ("v5-evidence", [
            "CREATE TABLE evidence (case_id TEXT NOT NULL, sha256 TEXT NOT NULL, media_type TEXT NOT NULL, name TEXT, bytes BYTEA NOT NULL, stored_by TEXT NOT NULL, stored_ms BIGINT NOT NULL, PRIMARY KEY (case_id, sha256))",
            "CREATE INDEX evidence_by_name ON evidence (case_id, name)",
        ]),
        // Derived from the log, not history: every subject's kind and first position (see
        // SQLiteSchema's v6), so the cases are listed without scanning the log.
        ("v6-subject-index", [
            "CREATE TABLE subject (name TEXT PRIMARY KEY, kind TEXT NOT NULL, opened BIGINT NOT NULL)",
            "CREATE INDEX subject_by_kind ON subject (kind, opened)",
            """
            INSERT INTO subject (name, kind, opened)
                SELECT case_id, CASE WHEN strpos(case_id, ':') = 0 THEN 'case' ELSE split_part(case_id, ':', 1) END, position
                FROM event WHERE case_sequence = 1
            """,
        ]),
        // Derived from the log, not history: each record's plugin (see SQLiteSchema's v7).
        ("v7-record-plugin", [
            "ALTER TABLE record_event ADD COLUMN plugin TEXT",
            "UPDATE record_event r SET plugin = convert_from(e.body, 'UTF8')::jsonb -> 'data' ->> 'plugin' FROM event e WHERE e.position = r.position",
            "CREATE INDEX record_event_by_plugin ON record_event (plugin, position)",
        ]),
        // Derived from the log, not history: each case's region (see SQLiteSchema's v8).
        ("v8-case-region", [
            "ALTER TABLE subject ADD COLUMN region TEXT",
            """
            UPDATE subject s SET region = convert_from(e.body, 'UTF8')::jsonb -> 'data' -> 'institution' ->> 'region'
                FROM event e WHERE e.position = s.opened AND s.kind = 'case'
            """,
        ]),
        // Derived, not history: the deadline index keeps plugins' deadlines about other subjects
        // too (see SQLiteSchema's v9); left incomplete, for the engine to recompute.
        ("v9-subject-deadlines", [
            "UPDATE deadline_index SET complete = false WHERE EXISTS (SELECT 1 FROM event)",
        ]),
        // History: witnesses' cosignatures of checkpoints (see SQLiteSchema's v10).
        ("v10-cosignatures", [
            """
            CREATE TABLE cosignature (
                checkpoint INTEGER NOT NULL REFERENCES checkpoint (number),
                public_key TEXT NOT NULL,
                name TEXT NOT NULL,
                cosigned_time BIGINT NOT NULL,
                signature TEXT NOT NULL,
                added BIGINT NOT NULL,
                PRIMARY KEY (checkpoint, public_key)
            )
            """,
            "CREATE TRIGGER cosignature_is_append_only BEFORE UPDATE OR DELETE ON cosignature FOR EACH ROW EXECUTE FUNCTION assay_refuse_change()",
            "CREATE TRIGGER cosignature_is_not_truncated BEFORE TRUNCATE ON cosignature FOR EACH STATEMENT EXECUTE FUNCTION assay_refuse_change()",
        ]),
        // Derived from the log, not history: each case's current stage (see SQLiteSchema's v11).
        ("v11-case-stage", [
            "ALTER TABLE subject ADD COLUMN stage TEXT",
            "UPDATE subject SET stage = (\(currentStage)) WHERE kind = 'case'",
            "CREATE INDEX subject_by_stage ON subject (stage, region)",
        ]),
        // An append in one round trip: the statements a transaction of the client made one by
        // one, while it held the log's lock, run in the server (see `appendFunction`).
        ("v12-append-function", [appendFunction]),
    ]

    /// `assay_append`: a batch of appends in one call, in the call's own transaction. It takes
    /// the log's advisory lock, then (each statement seeing what committed before it) checks
    /// every append's expected version against the subject's events and the batch's earlier
    /// appends. On a conflict it writes nothing and returns every subject's version in the log,
    /// for the client to name the first append that differs; otherwise it inserts the events at
    /// the positions after the log's last, with their record and subject index entries, the
    /// cases' stages and the batch's deadline changes, and returns the log's size before them.
    /// Offsets count events from 1 within the batch.
    static let appendFunction = """
        CREATE FUNCTION assay_append(
            lock_key BIGINT, subjects TEXT[], expected BIGINT[], counts BIGINT[],
            event_subjects TEXT[], sequences BIGINT[], bodies BYTEA[], hashes BYTEA[],
            record_offsets BIGINT[], record_plugins TEXT[],
            opened_offsets BIGINT[], opened_names TEXT[], opened_kinds TEXT[], opened_regions TEXT[], opened_stages TEXT[],
            moved_names TEXT[], moved_stages TEXT[],
            removed TEXT[], due_names TEXT[], due_at BIGINT[], incomplete BOOLEAN
        ) RETURNS TABLE (log_size BIGINT, subject_name TEXT, subject_version BIGINT) LANGUAGE plpgsql AS $$
        DECLARE
            start BIGINT;
        BEGIN
            PERFORM pg_advisory_xact_lock(lock_key);
            IF EXISTS (
                SELECT 1 FROM (
                    SELECT t.expected, COALESCE(v.version, 0) + COALESCE(SUM(t.count) OVER (
                        PARTITION BY t.subject ORDER BY t.n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS actual
                    FROM unnest(subjects, expected, counts) WITH ORDINALITY AS t(subject, expected, count, n)
                    LEFT JOIN (SELECT e.case_id, MAX(e.case_sequence)::BIGINT AS version FROM event e
                               WHERE e.case_id = ANY(subjects) GROUP BY e.case_id) v ON v.case_id = t.subject
                ) checked WHERE checked.expected <> checked.actual
            ) THEN
                RETURN QUERY SELECT NULL::BIGINT, e.case_id, MAX(e.case_sequence)::BIGINT FROM event e
                    WHERE e.case_id = ANY(subjects) GROUP BY e.case_id;
                RETURN;
            END IF;
            SELECT COALESCE(MAX(e.position), 0) INTO start FROM event e;
            INSERT INTO event (position, case_id, case_sequence, body, hash)
                SELECT start + t.n, t.s, t.q, t.b, t.h FROM unnest(event_subjects, sequences, bodies, hashes) WITH ORDINALITY AS t(s, q, b, h, n);
            INSERT INTO record_event (position, plugin)
                SELECT start + t.o, t.p FROM unnest(record_offsets, record_plugins) AS t(o, p);
            INSERT INTO subject (name, kind, opened, region, stage)
                SELECT t.name, t.kind, start + t.o, NULLIF(t.region, ''), NULLIF(t.stage, '')
                FROM unnest(opened_offsets, opened_names, opened_kinds, opened_regions, opened_stages) AS t(o, name, kind, region, stage);
            UPDATE subject s SET stage = t.stage FROM unnest(moved_names, moved_stages) AS t(name, stage) WHERE s.name = t.name;
            DELETE FROM case_deadline d WHERE d.case_id = ANY(removed);
            INSERT INTO case_deadline (case_id, due_at) SELECT * FROM unnest(due_names, due_at)
                ON CONFLICT (case_id) DO UPDATE SET due_at = excluded.due_at;
            IF incomplete THEN
                UPDATE deadline_index SET complete = false WHERE complete;
            END IF;
            RETURN QUERY SELECT start, NULL::TEXT, NULL::BIGINT;
        END
        $$
        """

    /// The stage the latest opening or action of the case a `subject` row names left it at
    /// (see SQLiteSchema's `currentStage`).
    static let currentStage = """
        SELECT COALESCE(convert_from(e.body, 'UTF8')::jsonb -> 'data' ->> 'to', convert_from(e.body, 'UTF8')::jsonb -> 'data' ->> 'stage') FROM event e
            WHERE e.case_id = subject.name AND position(convert_to('"kind":"record"', 'UTF8') IN e.body) = 0
            ORDER BY e.case_sequence DESC LIMIT 1
        """

    static var ids: [String] { migrations.map(\.id) }

    /// The tables derived from the log, each group with how to make it again from the event
    /// table alone (see SQLiteSchema's `derivedIndexes`).
    static let derivedIndexes: [(tables: [String], rebuild: [String])] = [
        (["record_event"], [
            "CREATE TABLE record_event (position BIGINT PRIMARY KEY, plugin TEXT)",
            "CREATE INDEX record_event_by_plugin ON record_event (plugin, position)",
            """
            INSERT INTO record_event (position, plugin)
                SELECT position, convert_from(body, 'UTF8')::jsonb -> 'data' ->> 'plugin' FROM event
                WHERE position(convert_to('"kind":"record"', 'UTF8') IN body) > 0 AND convert_from(body, 'UTF8')::jsonb ->> 'kind' = 'record'
            """,
        ]),
        (["subject"], [
            "CREATE TABLE subject (name TEXT PRIMARY KEY, kind TEXT NOT NULL, opened BIGINT NOT NULL, region TEXT, stage TEXT)",
            "CREATE INDEX subject_by_kind ON subject (kind, opened)",
            "CREATE INDEX subject_by_stage ON subject (stage, region)",
            """
            INSERT INTO subject (name, kind, opened, region)
                SELECT case_id, CASE WHEN strpos(case_id, ':') = 0 THEN 'case' ELSE split_part(case_id, ':', 1) END, position,
                       CASE WHEN strpos(case_id, ':') = 0 THEN convert_from(body, 'UTF8')::jsonb -> 'data' -> 'institution' ->> 'region' END
                FROM event WHERE case_sequence = 1
            """,
            "UPDATE subject SET stage = (\(currentStage)) WHERE kind = 'case'",
        ]),
        (["case_deadline", "deadline_index"], [
            "DROP TABLE IF EXISTS case_deadline",
            "DROP TABLE IF EXISTS deadline_index",
            "CREATE TABLE case_deadline (case_id TEXT PRIMARY KEY, due_at BIGINT NOT NULL)",
            "CREATE INDEX case_deadline_by_due ON case_deadline (due_at)",
            "CREATE TABLE deadline_index (singleton INTEGER PRIMARY KEY CHECK (singleton = 1), complete BOOLEAN NOT NULL)",
            "INSERT INTO deadline_index (singleton, complete) SELECT 1, NOT EXISTS (SELECT 1 FROM event)",
        ]),
    ]
}
