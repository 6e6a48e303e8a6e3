import AssayCore
import GRDB
import GRDBSQLite

/// Reads the log's rows straight from SQLite's column buffers, for the reads that go through
/// the whole log (no `Row`, no `Data` a column): its entries, and each subject's version.
enum SQLiteLogRows {
    /// The entries of a query of `position, case_id, case_sequence, body, hash`: each body is
    /// copied once into its entry, and nothing else is made per row but the subject's text,
    /// once for each run of rows about the same subject.
    static func entries(_ db: Database, sql: String, arguments: StatementArguments, reserving capacity: Int) throws -> [LogEntry] {
        let statement = try db.cachedStatement(sql: sql)
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        var entries: [LogEntry] = []
        entries.reserveCapacity(capacity)
        var subjects = RepeatedSubject()
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_DONE:
                return entries
            case SQLITE_ROW:
                let body = blob(handle, 3)
                let subject = subjects.subject(UnsafeRawBufferPointer(blob(handle, 1)))
                entries.append(LogEntry(position: Int(sqlite3_column_int64(handle, 0)), subject: subject,
                                        sequence: Int(sqlite3_column_int64(handle, 2)), body: Array(body),
                                        hash: LogHash(copying: UnsafeRawBufferPointer(blob(handle, 4)))))
            case let code:
                throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                    message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }, sql: sql)
            }
        }
    }

    /// Each subject's version from a query of `case_id, MAX(case_sequence)` grouped by subject.
    static func versions(_ db: Database, sql: String) throws -> [Subject: Int] {
        let statement = try db.cachedStatement(sql: sql)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        var versions: [Subject: Int] = [:]
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_DONE:
                return versions
            case SQLITE_ROW:
                versions[Subject(text(handle, 0))] = Int(sqlite3_column_int64(handle, 1))
            case let code:
                throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                    message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }, sql: sql)
            }
        }
    }

    /// The bytes of column `index` of the current row, valid until the next step.
    private static func blob(_ handle: SQLiteStatement, _ index: CInt) -> UnsafeBufferPointer<UInt8> {
        let count = Int(sqlite3_column_bytes(handle, index))
        guard count > 0, let start = sqlite3_column_blob(handle, index) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self), count: count)
    }

    /// The UTF-8 text of column `index` of the current row.
    private static func text(_ handle: SQLiteStatement, _ index: CInt) -> String {
        guard let start = sqlite3_column_text(handle, index) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, index))), as: UTF8.self)
    }
}
