import Accounts
import AssayCore
import Foundation
import GuidanceGroups

/// A case's rectification over HTTP: the archive (anyone who sees the case), the institution's
/// plan and progress, an expert's verification that closes an item, and guidance visits to an
/// institution. Who may record what the guidance-groups plugin's rules decide, as for
/// `assay rectification`; their refusals are 422 in the rules' words.
extension AssayAPI {
    func rectification(_ input: Operations.Rectification.Input) async throws -> Operations.Rectification.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        let state: CaseState
        switch try await visibleCase(input.path.caseID, to: account) {
        case .failure(let problem): return .init(unseen: problem)
        case .success(let found): state = found
        }
        let guidance = try await engine.currentPluginStates().state(of: GuidanceGroups.self) ?? GuidanceGroupsState()
        let visits = (guidance.guidance[state.institution.id] ?? []).map { visit in
            Components.Schemas.RectificationArchive.GuidancePayloadPayload(visit: Self.view(visit.visit), by: visit.by, at: visit.at.date)
        }
        return .ok(.init(body: .json(.init(_case: state.id.value, institution: state.institution.id,
                                           items: guidance.archive(of: state.id, for: state.institution.type).map(Self.view), guidance: visits))))
    }

    func planRectification(_ input: Operations.PlanRectification.Input) async throws -> Operations.PlanRectification.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard case .json(let request) = input.body else { return .badRequest(Problem.badRequest("send JSON").response) }
        let result = try await recordRectification(on: input.path.caseID, item: request.item, round: request.round, by: account) { round in
            let plan = RectificationPlan(round: round, item: request.item, measure: request.measure, responsible: request.responsible, deadline: request.deadline)
            return (RecordType.rectificationPlan, try RecordValue(encoding: plan))
        }
        switch result {
        case .failure(let problem): return .init(problem)
        case .success(let entry): return .created(.init(body: .json(entry)))
        }
    }

    func reportRectification(_ input: Operations.ReportRectification.Input) async throws -> Operations.ReportRectification.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard case .json(let request) = input.body else { return .badRequest(Problem.badRequest("send JSON").response) }
        switch try await recordNote(RecordType.rectificationProgress, request, on: input.path.caseID, by: account) {
        case .failure(let problem): return .init(problem)
        case .success(let entry): return .created(.init(body: .json(entry)))
        }
    }

    func verifyRectification(_ input: Operations.VerifyRectification.Input) async throws -> Operations.VerifyRectification.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard case .json(let request) = input.body else { return .badRequest(Problem.badRequest("send JSON").response) }
        switch try await recordNote(RecordType.rectificationVerified, request, on: input.path.caseID, by: account) {
        case .failure(let problem): return .init(problem)
        case .success(let entry): return .created(.init(body: .json(entry)))
        }
    }

    func recordGuidanceVisit(_ input: Operations.RecordGuidanceVisit.Input) async throws -> Operations.RecordGuidanceVisit.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard case .json(let request) = input.body else { return .badRequest(Problem.badRequest("send JSON").response) }
        let subject = Subject(kind: "institution", id: input.path.institution)
        guard let actor = account.actor, account.role.hasSuffix("-expert") || Self.commissionLevel(account) != nil else {
            return .forbidden(Problem.forbidden("role", "an expert or a commission records a guidance visit; \(account.id) is \(account.role)").response)
        }
        // An expert's reach is its region, as a commission's is: by the latest directory.
        let reach: Oversight = if account.role.hasSuffix("-expert"), case .region(let region)? = AccountRole.jurisdiction(account.jurisdiction) {
            try await within(region, subject)
        } else {
            try await oversight(of: subject, by: account)
        }
        if let problem = Self.problem(reach, of: subject, by: account) { return .init(problem) }
        let visit = GuidanceVisit(unit: request.unit, helper: GuidanceVisit.Helper(rawValue: request.helper.rawValue)!, topics: request.topics, note: request.note)
        do {
            try await engine.record(PluginRecord(plugin: GuidanceGroups.name, type: RecordType.guidance, by: actor, value: try RecordValue(encoding: visit)), about: subject, at: clock())
        } catch let refusal as RecordError {
            let problem = Problem(refusal)
            return problem.status == 400 ? .badRequest(problem.response) : .unprocessableContent(problem.response)
        }
        return .created(.init(body: .json(request)))
    }

    // MARK: Helpers

    /// Records a progress report or a verification, as the account.
    private func recordNote(_ type: String, _ request: Components.Schemas.RectificationNote, on caseID: String, by account: AccountsState.Account) async throws
        -> Result<Components.Schemas.RectificationEntry, Problem> {
        try await recordRectification(on: caseID, item: request.item, round: request.round, verifying: type == RecordType.rectificationVerified, by: account) { round in
            (type, try RecordValue(encoding: RectificationNote(round: round, item: request.item, note: request.note)))
        }
    }

    /// Records what `value` makes for the rectification item `item` (of `round`, or the latest
    /// round with it) of the case, as the account (an expert when `verifying`, else the case's
    /// institution); the item as it then stands, or the problem.
    private func recordRectification(on caseID: String, item: String, round: Int?, verifying: Bool = false, by account: AccountsState.Account,
                                     _ value: (Int) throws -> (type: String, value: RecordValue)) async throws -> Result<Components.Schemas.RectificationEntry, Problem> {
        let state: CaseState
        switch try await visibleCase(caseID, to: account) {
        case .failure(let problem): return .failure(problem)
        case .success(let found): state = found
        }
        guard let actor = account.actor else { return .failure(Access.readsOnly(account)) }
        // Who may act is a 403 here; the plugin's rules judge the same again when it is written.
        if verifying, !actor.role.hasSuffix("-expert") {
            return .failure(.forbidden("role", "an expert verifies a rectification; \(account.id) is \(account.role)"))
        }
        if !verifying, actor.jurisdiction != .institution(state.institution.id) {
            return .failure(.forbidden("role", "the institution \(state.institution.id) plans its rectification and reports progress; \(account.id) is \(account.role)"))
        }
        let guidance = try await engine.currentPluginStates().state(of: GuidanceGroups.self) ?? GuidanceGroupsState()
        let found: RectificationItem
        do {
            found = try guidance.rectificationItem(item, round: round, of: state.id, for: state.institution.type)
        } catch {
            return .failure(.refused(error.description))
        }
        let (type, recorded) = try value(found.round)
        do {
            try await engine.record(PluginRecord(plugin: GuidanceGroups.name, type: type, by: actor, value: recorded), about: state.id, at: clock())
        } catch let refusal as RecordError {
            return .failure(Problem(refusal))
        }
        let after = try await engine.currentPluginStates().state(of: GuidanceGroups.self) ?? GuidanceGroupsState()
        return .success(Self.view((try? after.rectificationItem(item, round: found.round, of: state.id, for: state.institution.type)) ?? found))
    }

    static func view(_ entry: RectificationItem) -> Components.Schemas.RectificationEntry {
        func report(_ report: RectificationItem.Report) -> Components.Schemas.RectificationReport { .init(note: report.note, by: report.by, at: report.at.date) }
        return .init(round: entry.round, item: entry.item.id, text: entry.item.text.zh, status: entry.status, closed: entry.isClosed,
                     finding: entry.finding.map { $0.value + ($0.note.map { " — \($0)" } ?? "") },
                     plan: entry.plan.map { .init(measure: $0.measure, responsible: $0.responsible, deadline: $0.deadline) },
                     progress: entry.progress.map(report), verified: entry.closed.map(report))
    }

    static func view(_ visit: GuidanceVisit) -> Components.Schemas.GuidanceVisit {
        .init(unit: visit.unit, helper: .init(rawValue: visit.helper.rawValue)!, topics: visit.topics, note: visit.note)
    }
}
