import AssayTestSupport
import AssayCore
import AssayDemo
import Testing

@Suite("Engines sharing one store")
struct SharedStoreTests {
    /// A case the harness's engine has cached in initial review, which a second engine on the
    /// same store has since returned for rectification.
    func caseMovedByAnotherEngine() async throws -> EngineHarness {
        let harness = try EngineHarness()
        try await harness.tour("basic-standard", ["submit"])
        let other = Engine(library: harness.library, plugins: try ChecklistReviews.host(), store: harness.store)
        try await other.take("initial-return", on: "case-1", by: DemoCast.countyExpert(harness.institution.region),
                             inputs: ["decision": "fail", "opinion": "资料不全"], at: harness.date(day: 2))
        return harness
    }

    @Test("an engine whose cached case is stale decides again on what the store holds")
    func staleCacheIsReloaded() async throws {
        let harness = try await caseMovedByAnotherEngine()
        // The engine's stale view (initial review, where passing is offered) must not win.
        await #expect(throws: TransitionError.actionNotInStage(action: "initial-pass", stage: "rectification", available: ["resubmit", "rectification-lapsed"])) {
            try await harness.engine.take("initial-pass", on: "case-1", by: DemoCast.countyExpert(harness.institution.region),
                                          inputs: ["decision": "pass"], at: harness.date(day: 3))
        }
        let resubmitted = try await harness.engine.take("resubmit", on: "case-1", by: DemoCast.institution(harness.institution),
                                                        inputs: ["rectification-report": "已补齐"], at: harness.date(day: 4))
        #expect(resubmitted.path == ["application", "initial-review", "rectification", "initial-review"])
        #expect(harness.store.events(of: "case-1").count == 4)
    }

    @Test("an action a stale cached state would refuse is decided on the store's state")
    func staleCacheDoesNotRefuse() async throws {
        let harness = try await caseMovedByAnotherEngine()
        // The engine caches the case in initial review, where resubmitting is not offered.
        let state = try await harness.engine.take("resubmit", on: "case-1", by: DemoCast.institution(harness.institution),
                                                  inputs: ["rectification-report": "已补齐"], at: harness.date(day: 3))
        #expect(state.stage == "initial-review")
        #expect(harness.store.events(of: "case-1").count == 4)
    }

    @Test("concurrent actions on one case: exactly one wins each version")
    func concurrentActionsOnOneCase() async throws {
        let harness = try EngineHarness()
        try await harness.tour("basic-standard", ["submit"])
        let host = try ChecklistReviews.host()
        let engines = (0..<8).map { _ in Engine(library: harness.library, plugins: host, store: harness.store) }
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for engine in engines {
                group.addTask {
                    (try? await engine.take("initial-pass", on: "case-1", by: DemoCast.countyExpert(harness.institution.region),
                                            inputs: ["decision": "pass"], at: harness.date(day: 2))) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        #expect(harness.store.events(of: "case-1").count == 3)
    }
}
