import Accounts
import AssayCore
import GuidanceGroups
import IntegrityRecords

/// The expert groups' operations: forming a group, a member's answers, the leader's
/// resolutions and the scored checklist. Who may record what the guidance-groups plugin's
/// rules decide (membership, leadership, eligibility, the assigned team, the stage), as for
/// `assay review`; their refusals are 422 in the rules' words.
extension AssayAPI {
    func formGroup(_ input: Operations.FormGroup.Input) async throws -> Operations.FormGroup.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard case .json(let request) = input.body else { return .badRequest(Problem.badRequest("send JSON").response) }
        let state: CaseState
        switch try await visibleCase(input.path.caseID, to: account) {
        case .failure(let problem): return .init(unseen: problem)
        case .success(let found): state = found
        }
        guard let actor = account.actor, account.role.hasSuffix("-coordinator") else {
            return .forbidden(Problem.forbidden("role", "a commission forms the expert groups; \(account.id) is \(account.role)").response)
        }
        let guidance = try await engine.currentPluginStates().state(of: GuidanceGroups.self) ?? GuidanceGroupsState()
        let found: (checklist: Checklist, hash: String, unstored: StoredDataFile?)
        do { found = try guidance.checklistForNewGroup(request.checklist) } catch {
            return .badRequest(Problem.badRequest("\(error)", field: "checklist").response)
        }
        let members = request.members.contains(request.leader) ? request.members : [request.leader] + request.members
        let group = GroupFormed(checklist: found.hash, members: members, leader: request.leader, reason: request.reason)
        let record = PluginRecord(plugin: GuidanceGroups.name, type: RecordType.group, by: actor, value: try RecordValue(encoding: group))
        do {
            try await engine.record([SubjectRecord(subject: state.id, record: record)], storing: found.unstored.map { [$0] } ?? [], by: actor, at: clock())
        } catch let refusal as RecordError {
            return .unprocessableContent(Problem(refusal).response)
        }
        let round = (guidance.currentRound(of: state.id)?.number ?? 0) + 1
        return .created(.init(body: .json(.init(round: round, checklist: found.checklist.id, checklistHash: found.hash, leader: request.leader, members: members))))
    }

    func answer(_ input: Operations.Answer.Input) async throws -> Operations.Answer.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard case .json(let request) = input.body else { return .badRequest(Problem.badRequest("send JSON").response) }
        let answer = Self.answerValue(request.value, note: request.note, photos: request.photos, documents: request.documents)
        if !answer.evidence.isEmpty, case .success(let state) = try await visibleCase(input.path.caseID, to: account) {
            // The files an answer names are the case's, stored first (PUT …/evidence/{sha256}).
            for cited in answer.evidence where try await !evidence.hasEvidence(cited.sha256, for: state.id) {
                return .unprocessableContent(Problem.refused("the \(cited.kind) \(cited.sha256) is not among the files of case \(state.id); store it first with PUT /cases/{caseID}/evidence/{sha256}").response)
            }
        }
        switch try await recordReview(RecordType.answer, ItemAnswer(item: request.item, answer: answer), on: input.path.caseID, by: account) {
        case .failure(let problem): return .init(problem)
        case .success(let (state, actor)):
            return .created(.init(body: .json(try await recorded(request.item, request.value, by: actor, on: state))))
        }
    }

    func resolve(_ input: Operations.Resolve.Input) async throws -> Operations.Resolve.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard case .json(let request) = input.body else { return .badRequest(Problem.badRequest("send JSON").response) }
        let resolution = ItemResolution(item: request.item, answer: Self.answerValue(request.value, note: request.note, photos: nil, documents: nil), reason: request.reason)
        switch try await recordReview(RecordType.resolution, resolution, on: input.path.caseID, by: account) {
        case .failure(let problem): return .init(problem)
        case .success(let (state, actor)):
            return .created(.init(body: .json(try await recorded(request.item, request.value, by: actor, on: state))))
        }
    }

    func review(_ input: Operations.Review.Input) async throws -> Operations.Review.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        let state: CaseState
        switch try await visibleCase(input.path.caseID, to: account) {
        case .failure(let problem): return .init(unseen: problem)
        case .success(let found): state = found
        }
        let plugins = try await engine.currentPluginStates()
        let guidance = plugins.state(of: GuidanceGroups.self) ?? GuidanceGroupsState()
        let rounds = guidance.rounds[state.id] ?? []
        guard let round = input.query.round.map({ number in rounds.first { $0.number == number } }) ?? rounds.last,
              let score = guidance.score(round, of: state.institution, integrity: plugins.state(of: IntegrityRecords.self)) else {
            return .notFound(Problem.notFound(rounds.isEmpty ? "no expert group has been formed for case \(state.id)" : "case \(state.id) has rounds 1 to \(rounds.count)").response)
        }
        let tiers = score.group.tiers.map { tier in
            Components.Schemas.TierView(tier: tier.tier.rawValue, met: tier.passed, earned: tier.overall.earned, possible: tier.overall.possible,
                                        criticalFailures: tier.criticalFailures, reasons: tier.reasons)
        }
        return .ok(.init(body: .json(.init(round: round.number, checklist: score.group.checklist.id, leader: round.group.leader, members: round.group.members,
                                           complete: score.group.isComplete && score.unresolved.isEmpty, tiers: tiers,
                                           unresolved: score.unresolved.map(\.description), report: ScoredChecklistReport(score, case: state).text))))
    }

    // MARK: Helpers

    /// Records one of the review's records about the case as the account; the case and the actor, or the problem.
    private func recordReview(_ type: String, _ value: some Encodable, on caseID: String, by account: AccountsState.Account) async throws
        -> Result<(CaseState, Actor), Problem> {
        let state: CaseState
        switch try await visibleCase(caseID, to: account) {
        case .failure(let problem): return .failure(problem)
        case .success(let found): state = found
        }
        guard let actor = account.actor else { return .failure(Access.readsOnly(account)) }
        do {
            try await engine.record(PluginRecord(plugin: GuidanceGroups.name, type: type, by: actor, value: try RecordValue(encoding: value)), about: state.id, at: clock())
        } catch let refusal as RecordError {
            return .failure(Problem(refusal))
        }
        return .success((state, actor))
    }

    private func recorded(_ item: String, _ value: String, by actor: Actor, on state: CaseState) async throws -> Components.Schemas.AnswerRecorded {
        let guidance = try await engine.currentPluginStates().state(of: GuidanceGroups.self)
        let checklist = guidance?.currentRound(of: state.id).flatMap { guidance?.checklists[$0.group.checklist] }
        let met = value == AnswerValue.notApplicable ? nil : checklist?.item(item)?.evaluate(value).met
        return .init(item: item, value: value, by: actor.id, met: met)
    }

    static func answerValue(_ value: String, note: String?, photos: [String]?, documents: [String]?) -> AnswerValue {
        AnswerValue(value: value, note: note, evidence: (photos ?? []).map { Evidence(kind: .photo, sha256: $0) } + (documents ?? []).map { Evidence(kind: .document, sha256: $0) })
    }
}
