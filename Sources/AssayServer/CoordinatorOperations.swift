import Accounts
import AssayCore
import Coordinators
import Foundation
import OpenAPIRuntime
import PluginCommandLine

/// The commissions' operations: review teams assigned to the waiting cases they oversee (under
/// the team rules of their own level), a reviewer's decline, an assignment's verification, and
/// the monthly report over the cases they see. Each is the library call the command makes.
extension AssayAPI {
    func makeAssignments(_ input: Operations.MakeAssignments.Input) async throws -> Operations.MakeAssignments.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard let actor = account.actor, let level = Self.commissionLevel(account) else {
            return .forbidden(Problem.forbidden("role", "a commission assigns the review teams; \(account.id) is \(account.role)").response)
        }
        guard case .json(let request) = input.body else { return .badRequest(Problem.badRequest("send JSON").response) }
        // A commission's region is listed through the index of cases by region (their openings,
        // actions and teams), not by reading every case of the nation whole; every other account
        // plans from the cases it sees, as they stand.
        let rules = Set(try BuiltInTeamRules.rules().filter { $0.groupLevels.first == level }.map(\.id))
        let now = clock()
        let assigner: TeamAssigner
        do {
            if case .region(let region)? = AccountRole.jurisdiction(account.jurisdiction) {
                assigner = try await TeamAssigner(engine: engine, directory: request.directory, inside: region, rules: rules, id: request.id, at: now)
            } else {
                let visible = try await engine.cases().filter { Access.sees(account, $0) }
                assigner = try await TeamAssigner(engine: engine, directory: request.directory, states: visible, rules: rules, id: request.id, at: now)
            }
        } catch let refusal as TeamAssignerError {
            if case .exists = refusal { return .conflict(Problem(status: 409, type: "/problems/assignment-exists", title: "The assignment exists", detail: refusal.description).response) }
            return .unprocessableContent(Problem.refused(refusal.description).response)
        } catch let refusal as CommandRefusal {
            return .unprocessableContent(Problem.refused(refusal.description).response)
        }
        let view = Components.Schemas.Assignments(recorded: false, directory: assigner.directory, assignments: assigner.assignments.map(Self.view))
        guard request.dryRun != true, !assigner.assignments.isEmpty else { return .ok(.init(body: .json(view))) }
        do {
            try await engine.record(try assigner.records(by: actor), at: now)
        } catch let refusal as RecordError {
            return .unprocessableContent(Problem(refusal).response)
        }
        var recorded = view
        recorded.recorded = true
        return .created(.init(body: .json(recorded)))
    }

    func declineSeat(_ input: Operations.DeclineSeat.Input) async throws -> Operations.DeclineSeat.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard case .json(let request) = input.body else { return .badRequest(Problem.badRequest("send JSON").response) }
        let state: CaseState
        switch try await visibleCase(input.path.caseID, to: account) {
        case .failure(let problem): return .init(unseen: problem)
        case .success(let found): state = found
        }
        guard let actor = account.actor, Self.commissionLevel(account) != nil else {
            return .forbidden(Problem.forbidden("role", "a commission records a reviewer's decline; \(account.id) is \(account.role)").response)
        }
        guard !request.reason.trimmingCharacters(in: .whitespaces).isEmpty else { return .badRequest(Problem.badRequest("say why the reviewer declines", field: "reason").response) }
        let assignments = try await engine.currentPluginStates().state(of: Coordinators.self) ?? AssignmentState()
        guard let team = assignments.team(of: state), team.seats.contains(where: { $0.expert == request.expert }) else {
            return .unprocessableContent(Problem.refused("\(request.expert) is not on the review team of case \(state.id) at \(state.stage)").response)
        }
        let declined = TeamDeclined(expert: request.expert, reason: request.reason)
        do {
            try await engine.record(PluginRecord(plugin: Coordinators.name, type: AssignmentRecords.declined, by: actor, value: try RecordValue(encoding: declined)),
                                    about: state.id, at: clock())
        } catch let refusal as RecordError {
            return .unprocessableContent(Problem(refusal).response)
        }
        return .created(.init(body: .json(request)))
    }

    func verifyAssignment(_ input: Operations.VerifyAssignment.Input) async throws -> Operations.VerifyAssignment.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard AccountRole.serverRoles.contains(account.role) || Self.commissionLevel(account) != nil else {
            return .forbidden(Problem.forbidden("role", "a commission, an auditor or the operator verifies an assignment; \(account.id) is \(account.role)").response)
        }
        let id = input.path.assignmentID
        guard (try await engine.currentPluginStates().state(of: Coordinators.self))?.assignments[id] != nil else {
            return .notFound(Problem.notFound("the log holds no assignment \(id)").response)
        }
        let (made, verification) = try await AssignmentVerification.of(id, engine: engine)
        return .ok(.init(body: .json(.init(id: id, passed: verification.passed, rule: made.rule.id, period: made.period, directory: made.directory,
                                           checks: verification.checks.map { .init(passed: $0.passed, text: $0.text) }))))
    }

    func monthlyReport(_ input: Operations.MonthlyReport.Input) async throws -> Operations.MonthlyReport.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard AccountRole.serverRoles.contains(account.role) || Self.commissionLevel(account) != nil else {
            return .forbidden(Problem.forbidden("role", "the monthly report is a commission's, an auditor's or the operator's; \(account.id) is \(account.role)").response)
        }
        var moment = Timestamp(clock())
        if let text = input.query.at {
            do { moment = try MomentReader().readAsOf(text) } catch { return .badRequest(Problem.badRequest("\(error)", field: "at").response) }
        }
        let report = try await monthlyReport(for: account, at: moment)
        switch input.query.format ?? .json {
        case .json: return .ok(.init(body: .json(try Self.schemaValue(report))))
        case .csv: return .ok(.init(body: .csv(HTTPBody(report.csv))))
        case .html: return .ok(.init(body: .html(HTTPBody(report.html()))))
        }
    }

    /// The monthly report at `moment` over the cases `account` sees.
    func monthlyReport(for account: AccountsState.Account, at moment: Timestamp) async throws -> MonthlyReport {
        // A commission's region is read through the index of cases by region, not the whole log.
        var region: RegionCode?
        if !AccountRole.serverRoles.contains(account.role), case .region(let code)? = AccountRole.jurisdiction(account.jurisdiction) { region = code }
        let cases = try await CasesAt.read(engine.store, at: moment, inside: region).filter { Access.sees(account, $0) }
        return MonthlyReport(cases: cases, at: moment, targets: try BuiltInTargets.targets()) { state in
            (try? engine.transition(for: state))?.deadline(of: state)?.due
        }
    }

    /// The level a commission acts at (`city` for a city-coordinator), or nil for any other role.
    static func commissionLevel(_ account: AccountsState.Account) -> String? {
        account.role.hasSuffix("-coordinator") ? String(account.role.dropLast("-coordinator".count)) : nil
    }

    static func view(_ assignment: TeamAssigner.Assignment) -> Components.Schemas.Assignment {
        .init(id: assignment.id, rule: assignment.made.rule.id, period: assignment.made.period, maxLoad: assignment.made.maxLoad, travel: assignment.made.travel,
              teams: assignment.teams.map { state, team in
                  .init(_case: state.id.value, institution: state.institution.name, replaces: team.replaces,
                        seats: team.seats.map { .init(seat: $0.seat, expert: $0.expert) })
              })
    }
}
