import AssayCore
import AssayDemo
import Foundation
import Testing

@Suite("Deadlines fire on tick")
struct DeadlineTests {
    @Test("the appeal window closes 15 days after an unfavourable decision, not before")
    func appealWindowCloses() async throws {
        let harness = try EngineHarness()
        // The on-site decision is taken on day 4.
        try await harness.tour("basic-standard", ["submit", "initial-pass", "refer-to-city", "onsite-fail"])
        #expect(try await harness.engine.tick(now: harness.date(day: 18)).isEmpty)
        #expect(try await harness.engine.state(of: "case-1").stage == "appeal-window")

        let fired = try await harness.engine.tick(now: harness.date(day: 19))
        #expect(fired.count == 1)
        guard case .actionTaken(let taken) = fired.first?.body else {
            Issue.record("expected an action event")
            return
        }
        #expect(taken.action == "appeal-window-closed" && taken.trigger == .deadline && taken.actor == .system)
        #expect(try await harness.engine.state(of: "case-1").stage == "not-achieved")
        #expect(try await harness.engine.tick(now: harness.date(day: 40)).isEmpty)
    }

    @Test("an appeal inside the window stops the deadline")
    func appealInTime() async throws {
        let harness = try EngineHarness()
        try await harness.tour("basic-standard", ["submit", "initial-pass", "refer-to-city", "onsite-fail", "appeal"])
        #expect(try await harness.engine.tick(now: harness.date(day: 60)).isEmpty)
        #expect(try await harness.engine.state(of: "case-1").stage == "appeal-review")
    }

    @Test("rectification lapses after 180 days")
    func rectificationLapses() async throws {
        let harness = try EngineHarness()
        try await harness.tour("basic-standard", ["submit", "initial-return"])
        #expect(try await harness.engine.tick(now: harness.date(day: 181)).isEmpty)
        #expect(try await harness.engine.tick(now: harness.date(day: 182)).count == 1)
        #expect(try await harness.engine.state(of: "case-1").path.suffix(2) == ["rectification", "not-achieved"])
    }

    @Test("tick reads the store's deadline index; when it is incomplete (events appended from elsewhere) it rebuilds it from the log and fires the same")
    func incompleteIndexIsRebuilt() async throws {
        let harness = try EngineHarness()
        try await harness.tour("basic-standard", ["submit", "initial-pass", "refer-to-city", "onsite-fail"])
        #expect(try await harness.store.subjectsDue(at: Timestamp(harness.date(day: 19))) == ["case-1"])
        // An event copied in as `assay import` does, its deadline unknown to the store.
        let noted = Event(subject: Subject(kind: "note", id: "1"), sequence: 1, at: Timestamp(harness.date(day: 5)),
                          body: .recorded(PluginRecord(plugin: "p", type: "t", by: .system, value: .string("x"))))
        try await harness.store.append([noted], expectedVersion: 0)
        #expect(try await harness.store.subjectsDue(at: Timestamp(harness.date(day: 19))) == nil)

        #expect(try await harness.engine.tick(now: harness.date(day: 18)).isEmpty)
        #expect(try await harness.store.subjectsDue(at: Timestamp(harness.date(day: 19))) == ["case-1"], "rebuilt from the log")
        let fired = try await harness.engine.tick(now: harness.date(day: 19))
        #expect(fired.count == 1)
        #expect(try await harness.store.subjectsDue(at: Timestamp(harness.date(day: 400))) == [], "not-achieved has no deadline")
    }
}
