import Foundation
import GRDB
import GRDBSQLite

/// A cached statement run straight on SQLite's handle, its values bound one by one: a batch of
/// thousands of appends makes no `StatementArguments` (an array of boxed values) and no cursor
/// per row, which had cost a quarter of an import's write transaction.
struct SQLiteBoundStatement {
    /// A value bound to one of the statement's parameters.
    enum Value {
        case integer(Int)
        case text(String)
        /// Bytes SQLite copies while binding them: they need not outlive the call.
        case blob(UnsafeRawBufferPointer)
        case null

        /// The text, or SQL's null for none.
        static func text(_ text: String?) -> Value { text.map { .text($0) } ?? .null }
    }

    private let statement: Statement
    private let db: Database

    /// The cached statement of `sql` in `db`.
    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
    }

    /// Runs the statement to its end with `values` bound to its parameters in order.
    func execute(_ values: Value...) throws {
        try run(values) { _ in }
    }

    /// The first column of the statement's first row, as a whole number; nil when it has none.
    func integer(_ values: Value...) throws -> Int? {
        var first: Int?
        try run(values) { handle in
            if first == nil, sqlite3_column_type(handle, 0) != SQLITE_NULL { first = Int(sqlite3_column_int64(handle, 0)) }
        }
        return first
    }

    /// Binds `values`, steps through every row (`row` reads each), and resets the statement,
    /// whether it succeeds or not; a failed step throws SQLite's error, as GRDB would.
    private func run(_ values: [Value], row: (SQLiteStatement) -> Void) throws {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        for (offset, value) in values.enumerated() {
            let index = CInt(offset + 1)
            let code: CInt = switch value {
            case .integer(let number): sqlite3_bind_int64(handle, index, sqlite3_int64(number))
            case .text(let text): sqlite3_bind_text(handle, index, text, -1, Self.transient)
            // An empty buffer may have no address, which SQLite would bind as null.
            case .blob(let bytes) where bytes.isEmpty: sqlite3_bind_zeroblob(handle, index, 0)
            case .blob(let bytes): sqlite3_bind_blob(handle, index, bytes.baseAddress, CInt(bytes.count), Self.transient)
            case .null: sqlite3_bind_null(handle, index)
            }
            guard code == SQLITE_OK else { throw error(code) }
        }
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_ROW: row(handle)
            case SQLITE_DONE: return
            case let code: throw error(code)
            }
        }
    }

    /// SQLite's error `code`, with its message and the statement's SQL.
    private func error(_ code: CInt) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }, sql: statement.sql)
    }

    /// SQLite copies what is bound with this destructor, so the value need not outlive the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
