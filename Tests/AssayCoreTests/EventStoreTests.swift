import AssayCore
import AssayDemo
import Testing

@Suite("The in-memory event store")
struct EventStoreTests {
    func opening(_ id: CaseID) -> Event {
        let institution = Jiaozuo.institutions[0]
        let opened = CaseOpened(flowID: "basic-standard", definitionHash: DefinitionHash(hex: "00"), institution: institution,
                                actor: DemoCast.institution(institution), stage: "application")
        return Event(caseID: id, sequence: 1, at: Timestamp(milliseconds: 0), body: .opened(opened))
    }

    @Test("an append at a stale version is a conflict and writes nothing")
    func staleVersionConflicts() throws {
        let store = InMemoryEventStore()
        try store.append([opening("a")], expectedVersion: 0)
        #expect(throws: StoreError.versionConflict("a", expected: 0, actual: 1)) {
            try store.append([opening("a")], expectedVersion: 0)
        }
        #expect(store.events(of: "a").count == 1)
    }

    @Test("events must continue the case's sequence without gaps")
    func sequencesHaveNoGaps() throws {
        let store = InMemoryEventStore()
        var skipping = opening("a")
        skipping.sequence = 2
        #expect(throws: StoreError.self) { try store.append([skipping], expectedVersion: 0) }
        #expect(store.count == 0)
    }

    @Test("cases are listed in the order they were opened")
    func caseOrder() throws {
        let store = InMemoryEventStore()
        for id: CaseID in ["b", "a", "c"] { try store.append([opening(id)], expectedVersion: 0) }
        #expect(store.caseIDs() == ["b", "a", "c"])
    }
}
