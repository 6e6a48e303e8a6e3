import Accounts
import AssayCore
import Foundation
import OpenAPIRuntime
import RegistrationAudit

/// Registration compliance over HTTP: the code check (anyone signed in), the batch audit (a
/// commission records it, over the institutions of its region), the commission's decision on
/// an institution's findings, and an institution's standing (the institution itself, a
/// commission over it, an auditor, the operator).
extension AssayAPI {
    func checkCode(_ input: Operations.CheckCode.Input) async throws -> Operations.CheckCode.Output {
        guard SignedIn.current != nil else { return .unauthorized(Problem.unauthorized.response) }
        let check = CodeCheck(input.path.code, rules: try BuiltInRules.rules())
        return .ok(.init(body: .json(.init(code: check.text, valid: check.valid, detail: check.detail))))
    }

    func auditRegistrations(_ input: Operations.AuditRegistrations.Input) async throws -> Operations.AuditRegistrations.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard case .csv(let body) = input.body else { return .badRequest(Problem.badRequest("send the registrations as text/csv").response) }
        let record = input.query.record ?? false
        let actor = account.actor
        if record, actor == nil || Self.commissionLevel(account) == nil {
            return .forbidden(Problem.forbidden("role", "a commission records registration audits; \(account.id) is \(account.role)").response)
        }
        let data = try await Data(collecting: body, upTo: maximumBody)
        guard let text = String(data: data, encoding: .utf8) else { return .badRequest(Problem.badRequest("the file is not UTF-8 text; save it as CSV UTF-8").response) }
        let rulesFile = try BuiltInRules.file()
        let rules = try rulesFile.content.decode(as: RegistrationRules.self)
        let batch: BatchAudit
        do { batch = try BatchAudit(text, rules: rules) } catch {
            return .badRequest(Problem.badRequest("\(error)").response)
        }
        var view = Components.Schemas.RegistrationAudit(rules: rules.name, recorded: false, report: batch.report, rows: batch.rows.map { row in
            .init(row: row.number, institution: row.institution, readable: row.registration != nil, problems: row.problems.map { .init(column: $0.column, message: $0.message) })
        })
        guard record, let actor else { return .ok(.init(body: .json(view))) }
        guard batch.unreadable.isEmpty else {
            return .unprocessableContent(Problem.refused("nothing was recorded: rows \(batch.unreadable.map { String($0.number) }.joined(separator: ", ")) could not be read").response)
        }
        for row in batch.rows {
            let subject = Subject(kind: "institution", id: row.institution)
            if var problem = Self.problem(try await oversight(of: subject, by: account), of: subject, by: account) {
                problem.detail = "row \(row.number): \(problem.detail); nothing was recorded"
                return .init(refusal: problem)
            }
        }
        do {
            try await engine.record(try batch.records(rules: rulesFile, by: actor), storing: [rulesFile], by: actor, at: clock())
        } catch let refusal as RecordError {
            return .unprocessableContent(Problem(refusal).response)
        }
        view.recorded = true
        return .created(.init(body: .json(view)))
    }

    func decideRegistration(_ input: Operations.DecideRegistration.Input) async throws -> Operations.DecideRegistration.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard case .json(let request) = input.body else { return .badRequest(Problem.badRequest("send JSON").response) }
        let institution = input.path.institution
        guard let actor = account.actor, Self.commissionLevel(account) != nil else {
            return .forbidden(Problem.forbidden("role", "a commission decides on registration findings; \(account.id) is \(account.role)").response)
        }
        let subject = Subject(kind: "institution", id: institution)
        if let problem = Self.problem(try await oversight(of: subject, by: account), of: subject, by: account) { return .init(refusal: problem) }
        let decision: RegistrationDecision = try Self.schemaValue(request)
        if let problem = decision.problem { return .badRequest(Problem.badRequest(problem, field: "deadline").response) }
        let state = try await engine.currentPluginStates().state(of: RegistrationAudit.self) ?? RegistrationState()
        guard case .nonCompliant = state.standing(of: institution) else {
            return .unprocessableContent(Problem.refused("institution \(institution) has no registration findings to decide on").response)
        }
        do {
            try await engine.record(PluginRecord(plugin: RegistrationAudit.name, type: RegistrationRecordType.decision, by: actor, value: try RecordValue(encoding: decision)),
                                    about: Subject(kind: "institution", id: institution), at: clock())
        } catch let refusal as RecordError {
            return .unprocessableContent(Problem(refusal).response)
        }
        return .created(.init(body: .json(request)))
    }

    func showRegistration(_ input: Operations.ShowRegistration.Input) async throws -> Operations.ShowRegistration.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        let institution = input.path.institution
        let subject = Subject(kind: "institution", id: institution)
        if let problem = Self.problem(try await oversight(of: subject, by: account), of: subject, by: account) { return .init(refusal: problem) }
        let state = try await engine.currentPluginStates().state(of: RegistrationAudit.self) ?? RegistrationState()
        var view = Components.Schemas.RegistrationView(institution: institution, standing: .notAudited, findings: [],
            audits: (state.audits[institution] ?? []).map { .init(at: $0.at.date, by: $0.by, name: $0.value.registration.name, findings: $0.value.findings.count) },
            decisions: try (state.decisions[institution] ?? []).map { .init(at: $0.at.date, by: $0.by, decision: try Self.schemaValue($0.value)) })
        switch state.standing(of: institution) {
        case .notAudited: break
        case .compliant: view.standing = .compliant
        case .nonCompliant(let findings, let decision):
            view.standing = .notCompliant
            view.findings = findings.map(\.description)
            view.decision = try decision.map { try Self.schemaValue($0) }
        }
        return .ok(.init(body: .json(view)))
    }
}
