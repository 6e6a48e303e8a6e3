import AssayCore
import AssayDemo
import Coordinators
import Foundation
import GuidanceGroups
import IntegrityRecords
import RegistrationAudit

/// What the experts, the institution and the commission record before an action whose guards
/// read the plugins, so tests can drive the real flows: a compliant registration, a group's
/// scored checklist that meets or falls short of the tier, the institution's figures, and
/// rectification closed.
public enum ChecklistReviews {
    /// The core's guards and the registered plugins'.
    public static func host() throws -> PluginHost {
        try PluginHost([GuidanceGroups(), RegistrationAudit(), IntegrityRecords(), Coordinators()])
    }

    /// Records what `action` on `state`, taken by `actor`, needs to be allowed at `date`: a
    /// group scoring the checklist is led by `actor`.
    public static func prepare(_ action: String, on state: CaseState, by actor: Actor, engine: Engine, at date: Date) async throws {
        let definition = try engine.transition(for: state).definition
        guard let stage = definition.stages[state.stage], let guards = stage.actions[action]?.guards else { return }
        if let wanted = guards.first(where: { $0.hasPrefix("checklist-") }) {
            try await review(state, stage: stage, meeting: wanted.hasPrefix("checklist-meets-"), ledBy: actor, engine: engine, at: date)
        }
        if guards.contains("registration-compliant") {
            try await register(state.institution, engine: engine, at: date)
        }
        if guards.contains("prerequisites-met") {
            try await engine.storeDataFile(try BuiltInData.file(kind: "prerequisites", id: "recommended-standard"), by: DemoCast.provinceCommission, at: date)
            let figures = InstitutionFigures(figures: ["diseases": 120, "annual-visits": 90_000, "senior-physicians": 4,
                                                       "general-practitioners": 8, "residents": 30_000])
            try await engine.record(PluginRecord(plugin: GuidanceGroups.name, type: "figures", by: DemoCast.institution(state.institution),
                                                 value: try RecordValue(encoding: figures)), about: state.id, at: date)
        }
        if guards.contains("rectification-closed") {
            try await closeRectification(state, engine: engine, at: date)
        }
    }

    /// Audits `institution`'s registration, compliant, under the built-in rules.
    public static func register(_ institution: Institution, engine: Engine, at date: Date) async throws {
        let file = try BuiltInRules.file()
        let rules = try file.content.decode(as: RegistrationRules.self)
        let hash = try await engine.storeDataFile(file, by: DemoCast.cityCommission, at: date)
        let registration = DemoRegistrations.registration(of: institution, rules: rules)
        try await engine.record(try DemoRegistrations.audits(of: [(institution, registration)], rules: rules, hash: hash.hex, by: DemoCast.cityCommission), at: date)
    }

    /// A group of two led by `leader` scores the checklist the stage uses: every item met, or,
    /// to fall short, the first critical item not met.
    public static func review(_ state: CaseState, stage: Stage, meeting: Bool, ledBy leader: Actor, engine: Engine, at date: Date) async throws {
        let candidates = try (stage.uses?["checklist"] ?? []).map { id in
            let file = try BuiltInData.file(kind: "checklist", id: id)
            return (file, try file.content.decode(as: Checklist.self))
        }
        guard let (file, checklist) = candidates.first(where: { _, checklist in
            state.institution.type.map(checklist.institutionTypes.contains) ?? true
        }) else { return }
        let hash = try await engine.storeDataFile(file, by: DemoCast.cityCommission, at: date)
        var findings: [String: DemoReview.Finding] = [:]
        if !meeting, let critical = checklist.items.first(where: { $0.critical && $0.kind == .yesNo && $0.applies(to: state.institution.type) }) {
            findings[critical.id] = DemoReview.Finding(value: "no", note: "现场核查未达标。")
        }
        let team = [leader, Actor(id: "reviewer-b", role: "county-expert", jurisdiction: .region(state.institution.region))]
        var review = DemoReview(checklist: checklist.id, findings: findings)
        let guidance = try await engine.currentPluginStates().state(of: GuidanceGroups.self)
        if let last = guidance?.currentRound(of: state.id) { review.reason = "a new review after round \(last.number)" }
        if try engine.transition(for: state).definition.assignedReviewers?.contains(state.stage) == true {
            try await assign(team.map(\.id), to: state, engine: engine, at: date)
        }
        let records = try review.records(team: team, checklist: checklist, hash: hash.hex, for: state.institution.type, formedBy: DemoCast.cityCommission)
        try await engine.record(records.map { PluginRecord(plugin: GuidanceGroups.name, type: $0.1, by: $0.0, value: $0.2) }, about: state.id, at: date)
    }

    /// Records the experts of `team` as the case's assigned team at its stage, in seat order,
    /// without solving an assignment: the tests of assignment itself run `assay assign`.
    public static func assign(_ team: [String], to state: CaseState, engine: Engine, at date: Date) async throws {
        let seats = zip(TeamRule.sharedAssignment.seats, team).map { TeamAssigned.Seat(seat: $0.name, expert: $1) }
        let assigned = TeamAssigned(assignment: "test-\(state.id.value)", stage: state.stage, seats: seats)
        try await engine.record(PluginRecord(plugin: Coordinators.name, type: AssignmentRecords.team, by: DemoCast.cityCommission,
                                             value: try RecordValue(encoding: assigned)), about: state.id, at: date)
    }

    /// Plans and verifies every open rectification item of the case.
    public static func closeRectification(_ state: CaseState, engine: Engine, at date: Date) async throws {
        let guidance = try await engine.currentPluginStates().state(of: GuidanceGroups.self)
        let open = (guidance?.archive(of: state.id, for: state.institution.type) ?? []).filter { !$0.isClosed }
        var records: [PluginRecord] = []
        for item in open {
            let plan = RectificationPlan(round: item.round, item: item.item.id, measure: "整改措施", responsible: "院长", deadline: "2022-12-31")
            records.append(PluginRecord(plugin: GuidanceGroups.name, type: "rectification-plan", by: DemoCast.institution(state.institution),
                                        value: try RecordValue(encoding: plan)))
            records.append(PluginRecord(plugin: GuidanceGroups.name, type: "rectification-verified",
                                        by: DemoCast.countyExpert(state.institution.region, 2),
                                        value: try RecordValue(encoding: RectificationNote(round: item.round, item: item.item.id, note: "现场核实已整改。"))))
        }
        if !records.isEmpty { try await engine.record(records, about: state.id, at: date) }
    }
}
