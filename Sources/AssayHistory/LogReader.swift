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

    /// Fetches the next two batches while the caller works on the current one, so a store with
    /// a pool (PostgreSQL's connections, SQLite's readers) reads two position ranges at once.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let reader: LogReader
        /// The batches requested, in order, each with the position it starts from. Only the
        /// first is known to start where the log goes on; the one after it is a guess (the
        /// position after a full batch of a gap-free log), read again when it proves wrong.
        var requested: [(from: Int, batch: Task<[LogEntry], any Error>)] = []

        public mutating func next() async throws -> [LogEntry]? {
            if requested.isEmpty { requested = [(1, fetch(from: 1))] }
            let batch = try await requested.removeFirst().batch.value
            guard let last = batch.last else {
                for request in requested { request.batch.cancel() }
                requested = []
                return nil
            }
            // Paged by position, not by count: a missing position is then read past once, for
            // the reader's caller to notice, instead of shifting every later page.
            let following = last.position + 1
            if requested.first?.from != following {
                for request in requested { request.batch.cancel() }
                requested = [(following, fetch(from: following))]
            }
            let guess = following + reader.batchSize
            requested.append((guess, fetch(from: guess)))
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

extension LogReader {
    /// Reads the log in order and hands `body` the entries as `transform` maps them, a part of
    /// a batch at a time, in order. `transform` runs on every core, on the next batch while
    /// `body` works on this one, so work that must follow the log's order overlaps the work
    /// that need not; the entries themselves are let go there too, so what `body` does not keep
    /// is freed off its path.
    public func forEachBatch<Mapped: Sendable>(
        mapping transform: @escaping @Sendable (LogEntry) -> Mapped,
        _ body: ([Mapped]) async throws -> Void
    ) async throws {
        var mapping: Task<[[Mapped]], Never>?
        var folded: [[Mapped]] = []
        for try await batch in self {
            let done = folded
            folded = []
            let next = Task {
                _ = consume done
                return await batch.concurrentMapInParts(transform)
            }
            if let mapping {
                for part in await mapping.value {
                    try await body(part)
                    folded.append(part)
                }
            }
            mapping = next
        }
        if let mapping {
            for part in await mapping.value { try await body(part) }
        }
    }

    /// The leaf hashes of the first `size` entries, recomputed from their bodies; refused when
    /// a position is missing.
    public static func leafHashes(of store: any EventStore, upTo size: Int) async throws -> [LogHash] {
        var leaves: [LogHash] = []
        leaves.reserveCapacity(size)
        for try await batch in LogReader(store: store, upTo: size) {
            for entry in batch {
                guard entry.position == leaves.count + 1 else {
                    throw AuditError.invalidProof("the log has no event at position \(leaves.count + 1); run `assay verify`")
                }
                leaves.append(LogHash.leaf(entry.body))
            }
        }
        guard leaves.count == size else {
            throw AuditError.invalidProof("the log holds \(counted(leaves.count, "event")), fewer than \(size); run `assay verify`")
        }
        return leaves
    }
}
