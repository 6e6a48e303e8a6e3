import AssayCore
import Coordinators
import Foundation
import GuidanceGroups
import IntegrityRecords
import RegistrationAudit

/// A year of a national campaign, driven through the engine and the plugins as its people would:
/// every institution's registration audited (a few found lacking and rectified), a case for each
/// on the basic-standard or community-hospital track (and some later on the recommended one),
/// county reviews (some returned), teams assigned weekly by each province's commission, expert
/// groups answering the real checklists (some disagreeing, their leaders resolving; some failing a
/// critical item), appeals, rectifications, rechecks, declared conflicts and violations, and the
/// clock ticking every working day. Seeded: the same directory and seed give the same log.
public struct NationalCampaign: Sendable {
    public let engine: Engine
    public let directory: NationalDirectory
    public let seed: UInt64

    public init(engine: Engine, directory: NationalDirectory, seed: UInt64) {
        self.engine = engine
        self.directory = directory
        self.seed = seed
    }

    /// Runs the campaign; calls `checkpoint` after every 30th day of it and at its end, with the
    /// day. Returns the number of cases by stage.
    public func run(checkpoint: (Int) async throws -> Void = { _ in }) async throws -> [String: Int] {
        var files = try BuiltInFiles()
        let findings = files.checklists.compactMapValues { _, _, checklist, type in NationalStory.Findings(checklist, for: type) }
        let scripts = directory.institutions.enumerated().flatMap { index, institution in
            var random = SeededRandom(seed: seed, stream: 1_000 + UInt64(index))
            return NationalStory(institution: institution, serial: index + 1, findings: findings, random: &random).scripts
        }
        try await prepare(scripts, files: files)
        let steps = scripts.enumerated()
            .flatMap { caseIndex, script in script.steps.enumerated().map { (day: $1.day, order: (caseIndex, $0), script: caseIndex, step: $1) } }
            .sorted { ($0.day, $0.order.0, $0.order.1) < ($1.day, $1.order.0, $1.order.1) }
        var leaders: [CaseID: Actor] = [:]
        var start = steps.startIndex
        var lastCheckpoint = 0
        while start < steps.endIndex {
            let day = steps[start].day
            let end = steps[start...].firstIndex { $0.day != day } ?? steps.endIndex
            let at = DemoScenario.date(day: day)
            _ = try await engine.tick(now: at)
            let reviewed = steps[start..<end].filter { if case .review = $0.step.kind { true } else { false } }.map { scripts[$0.script] }
            try await assignTeams(for: reviewed, at: at)
            for scheduled in steps[start..<end] {
                try await perform(scheduled.step, on: scripts[scheduled.script], at: at, files: &files, leaders: &leaders)
            }
            if day / 30 > lastCheckpoint {
                lastCheckpoint = day / 30
                try await checkpoint(day)
            }
            start = end
        }
        let last = (steps.last?.day ?? 0) + 30
        _ = try await engine.tick(now: DemoScenario.date(day: last))
        try await checkpoint(last)
        var stages: [String: Int] = [:]
        for script in scripts { stages[try await engine.state(of: script.id).stage, default: 0] += 1 }
        return stages
    }

    /// Day 0: the directory imported, and every institution's registration audited by its
    /// province's commission, one transaction a province.
    private func prepare(_ scripts: [NationalStory.Script], files: BuiltInFiles) async throws {
        let at = DemoScenario.start
        let national = Actor(id: "commission@nation", role: "national-coordinator", jurisdiction: .system)
        _ = try await engine.storeDataFile(try Directory.snapshot(of: directory.files, named: "national"), by: national, at: at)
        _ = try await engine.storeDataFile(try BuiltInIntegrityRules.file(), by: national, at: at)
        let rules = files.rules
        let hash = try await engine.storeDataFile(files.rulesFile, by: national, at: at)
        let lacking = Set(scripts.filter { $0.steps.contains { if case .rectifyRegistration = $0.kind { true } else { false } } }.map(\.institution.id))
        let serials = Dictionary(uniqueKeysWithValues: directory.institutions.enumerated().map { ($1.id, $0 + 1) })
        for (province, institutions) in Dictionary(grouping: directory.institutions, by: { directory.countyOf[$0.region]!.province }).sorted(by: { $0.key < $1.key }) {
            let registrations = institutions.map { ($0, DemoRegistrations.registration(of: $0, rules: rules, legalPerson: !lacking.contains($0.id), serial: serials[$0.id])) }
            try await engine.record(try DemoRegistrations.audits(of: registrations, rules: rules, hash: hash.hex, by: NationalCast.commission(province)), at: at)
        }
    }

    /// The teams for the day's reviews, assigned by each province's commission in one
    /// transaction, for the cases that have none for their stay.
    private func assignTeams(for scripts: [NationalStory.Script], at: Date) async throws {
        let states = try await engine.currentPluginStates().state(of: Coordinators.self) ?? AssignmentState()
        var waiting: [RegionCode: Set<CaseID>] = [:]
        for script in scripts where states.team(of: try await engine.state(of: script.id)) == nil {
            waiting[directory.countyOf[script.institution.region]!.province, default: []].insert(script.id)
        }
        for (province, cases) in waiting.sorted(by: { $0.key < $1.key }) {
            let assigner = try await TeamAssigner(engine: engine, cases: cases, at: at)
            try await engine.record(try assigner.records(by: NationalCast.commission(province)), at: at)
        }
    }

    private func perform(_ step: NationalStory.Step, on script: NationalStory.Script, at: Date, files: inout BuiltInFiles, leaders: inout [CaseID: Actor]) async throws {
        let institution = script.institution
        let county = directory.countyOf[institution.region]!
        switch step.kind {
        case .open:
            try await engine.open(script.id, institution: institution, flow: script.flow, by: DemoCast.institution(institution), at: at)
        case .take(let action, let who, let inputs):
            try await engine.take(action, on: script.id, by: NationalCast.actor(who, for: county, institution: institution), inputs: inputs, at: at)
        case .decide(let action, let inputs):
            guard let leader = leaders[script.id] else { throw NationalCampaignError.noGroup(action: action, case: script.id) }
            try await engine.take(action, on: script.id, by: leader, inputs: inputs, at: at)
        case .review(let review):
            let state = try await engine.state(of: script.id)
            guard let permission = try engine.transition(for: state).definition.stages[state.stage]?.actions.lazy.compactMap(\.permission).first,
                  let team = try await engine.currentPluginStates().state(of: Coordinators.self)?.team(of: state) else {
                throw NationalCampaignError.noTeam(stage: state.stage, case: script.id)
            }
            let seated = team.seats.compactMap(\.expert).map { NationalCast.seated($0, as: permission, in: county) }
            let commission = permission.level == .province ? NationalCast.commission(county.province) : NationalCast.commission(county.city)
            guard let (file, hash, checklist, _) = files.checklists[review.checklist] else { throw NationalCampaignError.noChecklist(review.checklist) }
            if files.stored.insert(hash).inserted { try await engine.storeDataFile(file, by: commission, at: at) }
            let records = try review.records(team: seated, checklist: checklist, hash: hash, for: institution.type, formedBy: commission)
            try await engine.record(records.map { PluginRecord(plugin: GuidanceGroups.name, type: $0.1, by: $0.0, value: $0.2) }, about: script.id, at: at)
            leaders[script.id] = seated.first
        case .record(let type, let value, let who):
            try await engine.record(PluginRecord(plugin: GuidanceGroups.name, type: type, by: NationalCast.actor(who, for: county, institution: institution),
                                                 value: try RecordValue(encoding: value)), about: script.id, at: at)
        case .rectifyRegistration(let deadline):
            let decision = RegistrationDecision(outcome: .rectify, deadline: deadline, note: "限期补齐独立法人证书。")
            try await engine.record(PluginRecord(plugin: RegistrationAudit.name, type: "decision", by: DemoCast.countyCommission(county.code),
                                                 value: try RecordValue(encoding: decision)), about: Subject(kind: "institution", id: institution.id), at: at)
        case .auditRegistration(let serial):
            let registration = DemoRegistrations.registration(of: institution, rules: files.rules, serial: serial)
            try await engine.record(try DemoRegistrations.audits(of: [(institution, registration)], rules: files.rules, hash: files.rulesFile.hash.hex,
                                                                 by: DemoCast.countyCommission(county.code)), at: at)
        case .integrity(let record, let aboutExpert):
            let subject = aboutExpert ? Subject(kind: "expert", id: DemoCast.countyExpert(county.code, 1).id) : Subject(kind: "institution", id: institution.id)
            let by = aboutExpert ? DemoCast.countyExpert(county.code, 1) : NationalCast.commission(county.city)
            try await engine.record(PluginRecord(plugin: IntegrityRecords.name, type: aboutExpert ? "expert-record" : "institution-record", by: by,
                                                 value: try RecordValue(encoding: record)), about: subject, at: at)
        case .figures(let figures):
            if files.stored.insert(files.prerequisites.hash.hex).inserted {
                try await engine.storeDataFile(files.prerequisites, by: NationalCast.commission(county.province), at: at)
            }
            try await engine.record(PluginRecord(plugin: GuidanceGroups.name, type: "figures", by: DemoCast.institution(institution),
                                                 value: try RecordValue(encoding: figures)), about: script.id, at: at)
        }
    }
}

/// The plugins' built-in files the campaign stores and reads, each read once.
private struct BuiltInFiles {
    var rulesFile: StoredDataFile
    var rules: RegistrationRules
    var prerequisites: StoredDataFile
    /// By id: the file, its hash, the checklist it holds and the institution type it reviews.
    var checklists: [String: (StoredDataFile, String, Checklist, InstitutionType)] = [:]
    /// The hashes of those the log holds already.
    var stored: Set<String> = []

    init() throws {
        rulesFile = try BuiltInRules.file()
        rules = try rulesFile.content.decode(as: RegistrationRules.self)
        prerequisites = try BuiltInData.file(kind: "prerequisites", id: "recommended-standard")
        for (id, type) in [("township-health-centre", InstitutionType.townshipHealthCentre), ("community-health-service-centre", .communityHealthServiceCentre),
                           ("community-hospital", .communityHealthServiceCentre)] {
            let file = try BuiltInData.file(kind: "checklist", id: id)
            checklists[id] = (file, file.hash.hex, try file.content.decode(as: Checklist.self), type)
        }
    }
}

/// The national campaign went otherwise than its stories say.
public enum NationalCampaignError: Error, CustomStringConvertible {
    case noGroup(action: String, case: CaseID)
    case noTeam(stage: String, case: CaseID)
    case noChecklist(String)

    public var description: String {
        switch self {
        case .noChecklist(let id): "the campaign reviews with checklist \(id), which is not built in"
        case .noGroup(let action, let id): "the campaign takes \(action) on \(id) by its group's leader, and no group has reviewed it"
        case .noTeam(let stage, let id): "the campaign reviews \(id) at \(stage), where no team is assigned or no reviewer decides"
        }
    }
}
