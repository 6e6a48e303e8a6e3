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

    @Test("one engine shared by many tasks: each case's actions are all recorded, in order, and a contested action wins once")
    func oneEngineManyTasks() async throws {
        let harness = try EngineHarness()
        let engine = harness.engine
        let route = ["submit", "initial-pass", "refer-to-city"]
        let cases = (1...40).map { CaseID("shared-\($0)") }
        try await ChecklistReviews.register(harness.institution, engine: engine, at: harness.start)
        // Every task drives its own cases through the route, all through the one engine's cache.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for part in 0..<8 {
                group.addTask {
                    for id in cases[(part * 5)..<(part * 5 + 5)] {
                        try await engine.open(id, institution: harness.institution, flow: "basic-standard",
                                              by: DemoCast.institution(harness.institution), at: harness.start)
                        for (day, action) in route.enumerated() {
                            try await engine.take(action, on: id, by: harness.actor(for: action, in: "basic-standard"),
                                                  inputs: harness.inputs(for: action, in: "basic-standard"), at: harness.date(day: day + 1))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        for id in cases {
            #expect(harness.store.events(of: id).map(\.sequence) == [1, 2, 3, 4])
            #expect(try await engine.state(of: id).path == ["application", "initial-review", "city-referral", "onsite-review"])
        }
        // Eight tasks take the same action on one case at once, through the one engine.
        let contested = CaseID("contested")
        try await engine.open(contested, institution: harness.institution, flow: "basic-standard",
                              by: DemoCast.institution(harness.institution), at: harness.start)
        let wins = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (try? await engine.take("submit", on: contested, by: harness.actor(for: "submit", in: "basic-standard"),
                                            inputs: harness.inputs(for: "submit", in: "basic-standard"), at: harness.date(day: 1))) != nil
                }
            }
            return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(wins == 1)
        #expect(harness.store.events(of: contested).count == 2)
        #expect(try await engine.state(of: contested).stage == "initial-review")
    }
}
