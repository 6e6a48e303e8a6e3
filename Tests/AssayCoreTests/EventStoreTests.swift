import AssayCore
import AssayDemo
import Testing

@Suite("The in-memory event store")
struct EventStoreTests {
    func opening(_ id: CaseID) -> Event {
        let institution = Jiaozuo.institutions[0]
        let opened = CaseOpened(flowID: "basic-standard", definitionHash: DefinitionHash(hex: "00"), institution: institution,
                                actor: DemoCast.institution(institution), stage: "application")
        return Event(subject: id, sequence: 1, at: Timestamp(milliseconds: 0), body: .opened(opened))
    }

    @Test("an append at a stale version is a conflict and writes nothing")
    func staleVersionConflicts() async throws {
        let store = InMemoryEventStore()
        try await store.append([opening("a")], expectedVersion: 0)
        await #expect(throws: StoreError.versionConflict("a", expected: 0, actual: 1)) {
            try await store.append([opening("a")], expectedVersion: 0)
        }
        #expect(store.events(of: "a").count == 1)
    }

    @Test("events must continue the case's sequence without gaps")
    func sequencesHaveNoGaps() async throws {
        let store = InMemoryEventStore()
        var skipping = opening("a")
        skipping.sequence = 2
        await #expect(throws: StoreError.self) { try await store.append([skipping], expectedVersion: 0) }
        #expect(store.count == 0)
    }

    @Test("a batch is written whole or not at all")
    func batchesAreAtomic() async throws {
        let store = InMemoryEventStore()
        try await store.append([opening("a")], expectedVersion: 0)
        #expect(throws: StoreError.versionConflict("a", expected: 0, actual: 1)) {
            try store.append([CaseAppend([opening("b")], expectedVersion: 0), CaseAppend([opening("a")], expectedVersion: 0)])
        }
        #expect(store.caseIDs() == ["a"])
        #expect(store.count == 1)
    }

    @Test("cases are listed in the order they were opened")
    func caseOrder() async throws {
        let store = InMemoryEventStore()
        for id: CaseID in ["b", "a", "c"] { try await store.append([opening(id)], expectedVersion: 0) }
        #expect(store.caseIDs() == ["b", "a", "c"])
    }
}
