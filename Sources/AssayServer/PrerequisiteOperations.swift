import Accounts
import AssayCore
import GuidanceGroups

/// The recommended standard's prerequisites over HTTP: the institution reports its figures
/// for its case (the guidance-groups plugin's rules refuse anyone else's), and anyone who sees
/// the case reads the check the `prerequisites-met` guard makes.
extension AssayAPI {
    func prerequisites(_ input: Operations.Prerequisites.Input) async throws -> Operations.Prerequisites.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        let state: CaseState
        switch try await visibleCase(input.path.caseID, to: account) {
        case .failure(let problem): return .init(unseen: problem)
        case .success(let found): state = found
        }
        let guidance = try await engine.currentPluginStates().state(of: GuidanceGroups.self) ?? GuidanceGroupsState()
        guard let check = try guidance.prerequisitesCheck(of: state) else {
            return .unprocessableContent(Problem.refused(GuidanceGroupsState.noPrerequisites(for: state)).response)
        }
        return .ok(.init(body: .json(Self.view(check))))
    }

    func reportFigures(_ input: Operations.ReportFigures.Input) async throws -> Operations.ReportFigures.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard case .json(let request) = input.body else { return .badRequest(Problem.badRequest("send JSON").response) }
        let state: CaseState
        switch try await visibleCase(input.path.caseID, to: account) {
        case .failure(let problem): return .init(problem)
        case .success(let found): state = found
        }
        guard let actor = account.actor, actor.jurisdiction == .institution(state.institution.id) else {
            return .forbidden(Problem.forbidden("role", "the institution \(state.institution.id) reports its own figures; \(account.id) is \(account.role)").response)
        }
        let guidance = try await engine.currentPluginStates().state(of: GuidanceGroups.self) ?? GuidanceGroupsState()
        let (prerequisites, unstored) = try guidance.prerequisitesToReport()
        let figures = request.figures.additionalProperties
        if let problem = figures.keys.sorted().lazy.compactMap(prerequisites.unknownFigure).first {
            return .badRequest(Problem.badRequest(problem, field: "figures").response)
        }
        let record = PluginRecord(plugin: GuidanceGroups.name, type: RecordType.figures, by: actor,
                                  value: try RecordValue(encoding: InstitutionFigures(figures: figures.mapValues(Int64.init))))
        do {
            try await engine.record([SubjectRecord(subject: state.id, record: record)], storing: unstored.map { [$0] } ?? [], by: actor, at: clock())
        } catch let refusal as RecordError {
            return .init(Problem(refusal))
        }
        let after = try await engine.currentPluginStates().state(of: GuidanceGroups.self) ?? GuidanceGroupsState()
        guard let check = try after.prerequisitesCheck(of: state) else {
            return .unprocessableContent(Problem.refused("the figures were recorded, but " + GuidanceGroupsState.noPrerequisites(for: state)).response)
        }
        return .created(.init(body: .json(Self.view(check))))
    }

    static func view(_ check: FiguresCheck) -> Components.Schemas.PrerequisitesCheck {
        .init(prerequisites: check.prerequisites.id, version: check.prerequisites.version, institutionType: check.type.rawValue, met: check.met, conditions: check.lines)
    }
}
