import AssayCore
import Foundation

/// The rows an append writes, computed before its write transaction so the transaction holds
/// only the inserts: each event's canonical bytes and leaf hash, split over two cores when the
/// batch is large.
struct EncodedAppend: Sendable {
    struct Row: Sendable {
        var body: Data
        var hash: Data
        /// The plugin whose record the event is; nil for an event that is not a record.
        var plugin: String?
        /// The region of the institution a case's opening event names; nil for other events.
        var region: String?
        /// The stage a case's opening or action leaves it at; nil for a record.
        var stage: String?
    }

    /// The rows of each `CaseAppend`, in order.
    let rows: [[Row]]

    init(_ batch: [CaseAppend]) async {
        let events = batch.reduce(0) { $0 + $1.events.count }
        guard events >= 256, batch.count >= 2 else {
            rows = batch.map(Self.rows)
            return
        }
        let middle = batch.count / 2
        let firstHalf = Array(batch[..<middle]), secondHalf = Array(batch[middle...])
        async let first = firstHalf.map(Self.rows)
        let second = secondHalf.map(Self.rows)
        rows = await first + second
    }

    private static func rows(of item: CaseAppend) -> [Row] {
        item.events.map { event in
            let body = event.canonicalBytes
            let (plugin, region) = indexed(event)
            return Row(body: Data(body), hash: LogHash.leaf(body).withUnsafeBytes { Data($0) }, plugin: plugin, region: region, stage: event.stageReached)
        }
    }

    /// What the indexes take from `event`: the plugin whose record it is, and the region of the
    /// institution a case's opening names.
    static func indexed(_ event: Event) -> (plugin: String?, region: String?) {
        switch event.body {
        case .recorded(let record): (record.plugin, nil)
        case .opened(let opened): (nil, opened.institution.region.code)
        case .actionTaken: (nil, nil)
        }
    }
}
