import AssayCore
import AssayDemo
import Foundation
import Testing

@Suite("Driving cases through the real tracks")
struct EngineTests {
    /// A route through a track and the stages it must visit, in order.
    struct Tour: CustomTestStringConvertible, Sendable {
        var flow: String
        var actions: [String]
        var path: [String]
        var testDescription: String { "\(flow): \(path.last!)" }
    }

    static let tours: [Tour] = [
        Tour(flow: "basic-standard",
             actions: ["submit", "initial-return", "resubmit", "initial-pass", "refer-to-city", "onsite-fail", "appeal",
                       "appeal-upheld", "onsite-pass", "open-recheck", "recheck-downgrade", "accept-decision", "reapply"],
             path: ["application", "initial-review", "rectification", "initial-review", "city-referral", "onsite-review",
                    "appeal-window", "appeal-review", "onsite-review", "achieved", "recheck", "appeal-window", "not-achieved", "initial-review"]),
        Tour(flow: "basic-standard", actions: ["withdraw"], path: ["application", "withdrawn"]),
        Tour(flow: "basic-standard",
             actions: ["submit", "initial-pass", "refer-to-city", "onsite-pass", "open-recheck", "recheck-confirm"],
             path: ["application", "initial-review", "city-referral", "onsite-review", "achieved", "recheck", "achieved"]),
        Tour(flow: "recommended-standard",
             actions: ["submit", "data-returned", "resubmit", "data-accepted", "initial-return", "resubmit", "data-accepted",
                       "initial-pass", "refer-to-province", "onsite-fail", "appeal", "appeal-dismissed", "reapply"],
             path: ["application", "data-review", "rectification", "data-review", "initial-review", "rectification", "data-review",
                    "initial-review", "province-referral", "onsite-review", "appeal-window", "appeal-review", "not-achieved", "data-review"]),
        Tour(flow: "recommended-standard",
             actions: ["submit", "data-accepted", "initial-pass", "refer-to-province", "onsite-pass", "open-recheck", "recheck-confirm"],
             path: ["application", "data-review", "initial-review", "province-referral", "onsite-review", "achieved", "recheck", "achieved"]),
        Tour(flow: "recommended-standard", actions: ["withdraw"], path: ["application", "withdrawn"]),
        Tour(flow: "community-hospital",
             actions: ["submit", "initial-return", "resubmit", "initial-pass", "onsite-fail", "appeal", "appeal-upheld",
                       "onsite-pass", "open-recheck", "recheck-downgrade", "accept-decision", "reapply"],
             path: ["application", "initial-review", "rectification", "initial-review", "onsite-review", "appeal-window",
                    "appeal-review", "onsite-review", "accredited", "recheck", "appeal-window", "not-achieved", "initial-review"]),
        Tour(flow: "community-hospital", actions: ["withdraw"], path: ["application", "withdrawn"]),
    ]

    @Test("each route through a track visits the stages it should", arguments: tours)
    func tourFollowsThePath(_ tour: Tour) async throws {
        let harness = try EngineHarness()
        let state = try await harness.tour(tour.flow, tour.actions)
        #expect(state.path == tour.path)
        // One opening, the actions, and the records the experts and institution wrote between.
        let events = harness.store.events(of: state.id)
        #expect(state.version == events.count)
        #expect(events.filter { if case .actionTaken = $0.body { true } else { false } }.count == tour.actions.count)
        let replayed = try CaseState(replaying: harness.store.events(of: state.id))
        #expect(replayed == state)
    }

    @Test("together the routes visit every stage of every track", arguments: ["basic-standard", "recommended-standard", "community-hospital"])
    func everyStageIsVisited(_ flow: String) throws {
        let visited = Set(Self.tours.filter { $0.flow == flow }.flatMap(\.path))
        let stages = Set(try EngineHarness().library.current(flow)!.definition.stages.names)
        #expect(visited == stages)
    }

    @Test("the initial review is by the county, the on-site review by the city or province", arguments: [
        ("basic-standard", "initial-pass", RegionLevel.county), ("basic-standard", "onsite-pass", .city),
        ("recommended-standard", "data-accepted", .county), ("recommended-standard", "initial-pass", .city),
        ("recommended-standard", "onsite-pass", .province),
        ("community-hospital", "initial-pass", .county), ("community-hospital", "onsite-pass", .city),
    ])
    func reviewsAreRoutedToTheirLevels(flow: String, action: String, level: RegionLevel) throws {
        let definition = try EngineHarness().library.current(flow)!.definition
        #expect(definition.action(named: action)?.action.permission?.level == level)
    }

    @Test("an event records who, when, the inputs and every guard's verdict")
    func eventsRecordTheDecision() async throws {
        let harness = try EngineHarness()
        try await harness.tour("basic-standard", ["submit", "initial-pass"])
        let event = try #require(harness.store.events(of: "case-1").last)
        guard case .actionTaken(let taken) = event.body else {
            Issue.record("expected an action event")
            return
        }
        #expect(taken.action == "initial-pass" && taken.from == "initial-review" && taken.to == "city-referral")
        #expect(taken.actor == DemoCast.countyExpert(harness.institution.region))
        #expect(taken.inputs == ["decision": "pass"])
        let expert = DemoCast.countyExpert(harness.institution.region).id
        #expect(taken.guards == [GuardResult(name: "reviewer-eligible", verdict: .pass("\(expert) has no suspension, bar or conflict with \(harness.institution.id)")),
                                 GuardResult(name: "decision-is-pass", verdict: .pass("the decision is pass"))])
        #expect(taken.trigger == .actor)
        #expect(event.at == Timestamp(harness.date(day: 2)))
    }
}
