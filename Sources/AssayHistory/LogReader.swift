import AssayCore

/// Reads a store's log in order, in batches, so a log of any length streams through memory;
/// the next batch is read while the current one is worked on.
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

    /// Fetches the next batch while the caller works on the current one.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let reader: LogReader
        var next = 1
        var prefetch: Task<[LogEntry], any Error>?

        public mutating func next() async throws -> [LogEntry]? {
            let batch = try await (prefetch ?? fetch(from: next)).value
            guard !batch.isEmpty else {
                prefetch = nil
                return nil
            }
            next += batch.count
            prefetch = fetch(from: next)
            return batch
        }

        private func fetch(from position: Int) -> Task<[LogEntry], any Error> {
            let reader = reader
            return Task {
                var count = reader.batchSize
                if let limit = reader.limit {
                    count = Swift.min(count, limit - position + 1)
                }
                guard count > 0 else { return [] }
                return try await reader.store.entries(from: position, limit: count)
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(reader: self)
    }
}
