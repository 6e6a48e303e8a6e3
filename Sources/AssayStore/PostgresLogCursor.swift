import AssayCore
import Logging
import PostgresNIO

/// The log read in position order through a server-side cursor (`DECLARE … CURSOR`, then
/// `FETCH FORWARD`), on a connection of its own in a read-only, repeatable-read transaction: one
/// scan of the position index for the whole log, every batch from the same snapshot.
final class PostgresLogCursor: LogCursor {
    private let connection: PostgresConnection

    private static let logger = Logger(label: "assay.postgres.cursor")

    /// Opens a cursor over entries 1 through `size` (all when nil).
    init(configuration: PostgresConnection.Configuration, upTo size: Int?) async throws {
        connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Self.logger)
        do {
            try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: Self.logger)
            // A cursor's query takes no bound parameters: the size is an integer, written in.
            try await connection.query(PostgresQuery(unsafeSQL: """
                DECLARE log_entries NO SCROLL CURSOR FOR SELECT position, case_id, case_sequence, body, hash FROM event
                WHERE position <= \(size ?? Int.max) ORDER BY position
                """), logger: Self.logger)
        } catch {
            try? await connection.close()
            throw error
        }
    }

    func next(_ count: Int) async throws -> [LogEntry] {
        try await PostgresEventStore.entries(try await connection.query(PostgresQuery(unsafeSQL: "FETCH FORWARD \(count) FROM log_entries"), logger: Self.logger))
    }

    func close() async {
        _ = try? await connection.query("COMMIT", logger: Self.logger)
        try? await connection.close()
    }

    deinit {
        // Closing the connection ends its transaction and the cursor with it.
        if !connection.isClosed { connection.close().whenComplete { _ in } }
    }
}
