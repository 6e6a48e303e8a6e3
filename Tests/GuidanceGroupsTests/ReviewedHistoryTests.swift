import AssayCore
import AssayDemo
import AssayHistory
import AssayTestSupport
import Foundation
import GuidanceGroups
import Testing

/// An engine on the real flows and the plugin, with an in-memory store.
struct ReviewedEngine {
    let store = InMemoryEventStore()
    let host: PluginHost
    let engine: Engine

    init() throws {
        host = try ChecklistReviews.host()
        engine = Engine(library: FlowLibrary(try DefinitionLoader().loadAll([Repository.workflows]).map(\.definition)), plugins: host, store: store)
    }

    static func date(day: Int) -> Date { DemoScenario.start.addingTimeInterval(Double(day) * 86_400) }

    /// 焦西社区卫生服务中心 opened on the basic-standard flow and referred to the city.
    /// `team`: the experts assigned to the case at the on-site review.
    func caseAtOnsiteReview(team: [String] = [DemoCast.cityExpert(group: 2).id]) async throws -> (CaseState, Institution) {
        let institution = try #require(Jiaozuo.institution(named: "焦西社区卫生服务中心"))
        try await engine.open("bs/1", institution: institution, flow: "basic-standard", by: DemoCast.institution(institution), at: Self.date(day: 0))
        try await ChecklistReviews.register(institution, engine: engine, at: Self.date(day: 0))
        try await engine.take("submit", on: "bs/1", by: DemoCast.institution(institution), inputs: ["self-assessment": "s"], at: Self.date(day: 1))
        try await engine.take("initial-pass", on: "bs/1", by: DemoCast.countyExpert(institution.region), inputs: ["decision": "pass"], at: Self.date(day: 2))
        let state = try await engine.take("refer-to-city", on: "bs/1", by: DemoCast.countyCommission(institution.region), at: Self.date(day: 3))
        try await ChecklistReviews.assign(team, to: state, engine: engine, at: Self.date(day: 3))
        return (state, institution)
    }

    /// The demonstration, run on this engine.
    func runDemo() async throws {
        _ = try await DemoScenario(engine: engine).run()
    }
}

@Suite("Auditors replay checklist verdicts")
struct ReviewedHistoryTests {
    @Test("an on-site pass its answers do not support is a divergence naming the deciding item; the honest verdict replays")
    func unsupportedPassDiverges() async throws {
        let reviewed = try ReviewedEngine()
        let (state, _) = try await reviewed.caseAtOnsiteReview()
        let definition = try reviewed.engine.transition(for: state).definition
        try await ChecklistReviews.review(state, stage: try #require(definition.stages["onsite-review"]), meeting: false,
                                          ledBy: DemoCast.cityExpert(group: 2), engine: reviewed.engine, at: ReviewedEngine.date(day: 4))
        let refused = await #expect(throws: TransitionError.self) {
            try await reviewed.engine.take("onsite-pass", on: "bs/1", by: DemoCast.cityExpert(group: 2), at: ReviewedEngine.date(day: 5))
        }
        #expect(refused?.description.contains("checklist-meets-basic failed: checklist community-health-service-centre 2023, round 1: the basic standard is not met — critical item 1.1 not met") == true,
                "\(String(describing: refused))")

        // Written straight to the store: a pass the group's answers do not support.
        let current = try await reviewed.engine.state(of: "bs/1")
        let forged = Event(subject: "bs/1", sequence: current.version + 1, at: Timestamp(ReviewedEngine.date(day: 5)), body: .actionTaken(ActionTaken(
            action: "onsite-pass", from: "onsite-review", to: "achieved", actor: DemoCast.cityExpert(group: 2), trigger: .actor, inputs: [:],
            guards: [GuardResult(name: "checklist-meets-basic", verdict: .pass("the basic standard is met"))])))
        try await reviewed.store.append([forged], expectedVersion: current.version)
        let report = try await Replayer(store: reviewed.store, plugins: reviewed.host).run()
        #expect(report.divergences.count == 1)
        let divergence = try #require(report.divergences.first)
        #expect(divergence.sequence == forged.sequence)
        #expect(divergence.reason.contains("the basic standard is not met — critical item 1.1 not met"), "\(divergence.reason)")
    }

    @Test("the honest on-site failure replays: every guard re-derives the verdict recorded")
    func honestFailureReplays() async throws {
        let reviewed = try ReviewedEngine()
        let (state, _) = try await reviewed.caseAtOnsiteReview()
        try await ChecklistReviews.prepare("onsite-fail", on: state, by: DemoCast.cityExpert(group: 2), engine: reviewed.engine, at: ReviewedEngine.date(day: 4))
        let failed = try await reviewed.engine.take("onsite-fail", on: "bs/1", by: DemoCast.cityExpert(group: 2), inputs: ["opinion": "关键项未达标"],
                                                    at: ReviewedEngine.date(day: 5))
        #expect(failed.stage == "appeal-window")
        let report = try await Replayer(store: reviewed.store, plugins: reviewed.host).run()
        #expect(report.isConsistent, "\(report.divergences)")
        #expect(report.events == reviewed.store.logSize())
    }

    /// The built-in township checklist changed by `change`, as a data file.
    static func changedTownshipChecklist(_ change: (inout Checklist) -> Void) throws -> StoredDataFile {
        let file = try BuiltInData.file(kind: "checklist", id: "township-health-centre")
        var checklist = try file.content.decode(as: Checklist.self)
        change(&checklist)
        return StoredDataFile(plugin: file.plugin, kind: file.kind, file: "township-health-centre.yaml", content: try RecordValue(encoding: checklist))
    }

    @Test("what-if with a newly critical item lists the one case whose outcome it would change, and why")
    func whatIfNewlyCritical() async throws {
        let reviewed = try ReviewedEngine()
        try await reviewed.runDemo()
        let changed = try Self.changedTownshipChecklist { checklist in
            for s in checklist.sections.indices {
                for i in checklist.sections[s].items.indices where checklist.sections[s].items[i].id == "3.8" {
                    checklist.sections[s].items[i].critical = true
                }
            }
        }
        let report = try await WhatIf(store: reviewed.store, changed: [], dataFiles: [changed], plugins: reviewed.host).run()
        #expect(report.casesCompared == 34)
        #expect(report.differences.map(\.caseID) == ["basic-standard/410882-001"])
        let difference = try #require(report.differences.first)
        #expect(difference.newPath.last == "onsite-review")
        #expect(difference.stoppedBecause?.contains("the basic standard is not met — critical item 3.8 not met") == true, "\(difference)")
    }

    @Test("what-if with a raised threshold lists the cases below it")
    func whatIfRaisedThreshold() async throws {
        let reviewed = try ReviewedEngine()
        try await reviewed.runDemo()
        let changed = try Self.changedTownshipChecklist { $0.pass.basic.overall = 100 }
        let report = try await WhatIf(store: reviewed.store, changed: [], dataFiles: [changed], plugins: reviewed.host).run()
        // 赵和镇 scored 99.0% (a resolved disagreement), 常平 missed item 3.8.
        #expect(Set(report.differences.map(\.caseID)) == ["basic-standard/410883-001", "basic-standard/410882-001"])
        #expect(report.differences.allSatisfy { $0.stoppedBecause?.contains("100% needed") == true })
        // Unchanged, nothing differs.
        #expect(try await WhatIf(store: reviewed.store, changed: [], dataFiles: [try Self.changedTownshipChecklist { _ in }], plugins: reviewed.host)
            .run().differences.isEmpty)
    }
}
