import Synchronization

/// An event store in memory: for tests, benchmarks and one-off runs.
public final class InMemoryEventStore: EventStore {
    private struct Contents {
        var events: [CaseID: [Event]] = [:]
        var order: [CaseID] = []
    }

    private let contents = Mutex(Contents())

    public init() {}

    public func append(_ events: [Event], expectedVersion: Int) throws {
        try StoreError.validate(events, expectedVersion: expectedVersion)
        guard let caseID = events.first?.caseID else { return }
        try contents.withLock { contents throws(StoreError) in
            let actual = contents.events[caseID]?.count ?? 0
            guard actual == expectedVersion else {
                throw .versionConflict(caseID, expected: expectedVersion, actual: actual)
            }
            if actual == 0 { contents.order.append(caseID) }
            contents.events[caseID, default: []].append(contentsOf: events)
        }
    }

    public func events(of caseID: CaseID) -> [Event] {
        contents.withLock { $0.events[caseID] ?? [] }
    }

    public func caseIDs() -> [CaseID] {
        contents.withLock { $0.order }
    }

    /// The number of events in the store.
    public var count: Int {
        contents.withLock { $0.events.values.reduce(0) { $0 + $1.count } }
    }
}
