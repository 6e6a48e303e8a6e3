import AssayCore

/// Reads a store's log in order, in batches, so a log of any length streams through memory.
public struct LogReader: AsyncSequence, Sendable {
    public typealias Element = [LogEntry]

    let store: any EventStore
    let limit: Int?
    let batchSize: Int

    /// Reads entries 1 through `limit` (all when nil), `batchSize` at a time.
    public init(store: any EventStore, upTo limit: Int? = nil, batchSize: Int = 10_000) {
        self.store = store
        self.limit = limit
        self.batchSize = batchSize
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let reader: LogReader
        var next = 1

        public mutating func next() async throws -> [LogEntry]? {
            var count = reader.batchSize
            if let limit = reader.limit {
                count = Swift.min(count, limit - next + 1)
            }
            guard count > 0 else { return nil }
            let batch = try await reader.store.entries(from: next, limit: count)
            guard !batch.isEmpty else { return nil }
            next += batch.count
            return batch
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(reader: self)
    }
}
