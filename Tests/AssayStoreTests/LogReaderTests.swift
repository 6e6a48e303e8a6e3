import AssayCore
import AssayHistory
import AssayTestSupport
import Testing

/// Reading the whole log in position order, as verify, replay and export do.
@Suite("Reading the log in order")
struct LogReaderTests {
    @Test("every store reads each position once, in order, in batches; PostgreSQL through a cursor in one snapshot, so what is appended meanwhile waits for the next read",
          arguments: StoreKind.allCases.filter(\.isAvailable))
    func readsInOrder(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        for index in 0..<10 { try await SampleHistory.appendCase(CaseID("case-\(index)"), events: 5, to: fixture.store) }
        let cursor = try await fixture.store.logCursor(upTo: nil)
        #expect((cursor != nil) == (kind == .postgres))
        await cursor?.close()

        var positions: [Int] = [], sizes: [Int] = []
        for try await batch in LogReader(store: fixture.store, batchSize: 7) {
            if positions.isEmpty { try await SampleHistory.appendCase(CaseID("late"), events: 5, to: fixture.store) }
            positions += batch.map(\.position)
            sizes.append(batch.count)
        }
        // A paging store reads on to what the log holds by the time it gets there.
        let read = kind == .postgres ? 50 : 55
        #expect(positions == Array(1...read))
        #expect(sizes.dropLast().allSatisfy { $0 == 7 })

        var bounded: [Int] = []
        for try await batch in LogReader(store: fixture.store, upTo: 12, batchSize: 7) { bounded += batch.map(\.position) }
        #expect(bounded == Array(1...12))
    }
}
