import AssayCore
import Foundation

/// The rows of a batch's appends (each event's canonical bytes, leaf hash and what the indexes
/// take from it), encoded on a thread of their own, part after part, while the store takes the
/// parts already encoded (SQLite inserts them in its write transaction, PostgreSQL gathers them
/// into its one call): an import of thousands of events costs about the longer of encoding and
/// writing, not both. A short batch is one part, encoded at
/// once. A part's bytes lie end to end in one buffer, so handing it to the writing thread hands
/// over a few buffers rather than two for each event (freeing those on another thread than
/// the one that made them had the two threads waiting on the allocator's lock).
final class RowsEncodedAhead: @unchecked Sendable {
    /// One event's row.
    struct Row: Sendable {
        /// Where its canonical bytes lie in its part's buffer.
        var body: Range<Int>
        var hash: LogHash
        /// The plugin whose record it is, and the region and stage of a case's event.
        var plugin: String?, region: String?, stage: String?
    }

    /// Consecutive appends of the batch, encoded.
    struct Part: Sendable {
        /// The appends' positions in the batch.
        var appends: Range<Int>
        /// Their events' canonical bytes, end to end.
        var bytes: [UInt8] = []
        /// Their events' rows, append after append.
        var rows: [Row] = []

        /// Each of the part's appends of `batch`, with its events' rows.
        func appends(of batch: [CaseAppend]) -> [(item: CaseAppend, rows: ArraySlice<Row>)] {
            var first = rows.startIndex
            return batch[appends].map { item in
                defer { first += item.events.count }
                return (item, rows[first..<first + item.events.count])
            }
        }
    }

    /// How many appends a part holds, in a batch long enough to be encoded ahead.
    private static let partSize = 512
    /// How many events a batch needs for a thread of its own to be worth starting.
    private static let longBatch = 1_024

    /// The appends of each part.
    let parts: [Range<Int>]
    private let condition = NSCondition()
    /// Each part once encoded, until handed over; guarded by `condition`.
    private var encoded: [Part?]
    /// Set when the transaction needs no more parts; guarded by `condition`.
    private var stopped = false

    /// Starts encoding `batch` on a thread of its own, or encodes a short one at once.
    init(_ batch: [CaseAppend]) {
        guard batch.reduce(0, { $0 + $1.events.count }) >= Self.longBatch else {
            parts = [batch.indices]
            encoded = [Self.part(batch.indices, of: batch)]
            return
        }
        parts = stride(from: 0, to: batch.count, by: Self.partSize).map { $0..<min($0 + Self.partSize, batch.count) }
        encoded = Array(repeating: nil, count: parts.count)
        Thread.detachNewThread { [self] in
            for (number, appends) in parts.enumerated() {
                let part = Self.part(appends, of: batch)
                let stop = condition.withLock {
                    encoded[number] = part
                    condition.broadcast()
                    return stopped
                }
                if stop { return }
            }
        }
    }

    /// Part `number`, waiting for it if it is not yet encoded; each part is handed over once.
    func part(_ number: Int) -> Part {
        condition.withLock {
            while encoded[number] == nil { condition.wait() }
            defer { encoded[number] = Part(appends: parts[number].lowerBound..<parts[number].lowerBound) }
            return encoded[number]!
        }
    }

    /// Lets the thread stop after its current part: the transaction needs no more.
    func stop() {
        condition.withLock { stopped = true }
    }

    /// The appends `appends` of `batch`, encoded.
    private static func part(_ appends: Range<Int>, of batch: [CaseAppend]) -> Part {
        var part = Part(appends: appends)
        for item in batch[appends] {
            for event in item.events {
                let body = event.canonicalBytes
                let (plugin, region) = indexed(event)
                part.rows.append(Row(body: part.bytes.count..<part.bytes.count + body.count, hash: LogHash.leaf(body),
                                     plugin: plugin, region: region, stage: event.stageReached))
                part.bytes.append(contentsOf: body)
            }
        }
        return part
    }

    /// What the indexes take from `event`: the plugin whose record it is, and the region of the
    /// institution a case's opening names.
    private static func indexed(_ event: Event) -> (plugin: String?, region: String?) {
        switch event.body {
        case .recorded(let record): (record.plugin, nil)
        case .opened(let opened): (nil, opened.institution.region.code)
        case .actionTaken: (nil, nil)
        }
    }
}
