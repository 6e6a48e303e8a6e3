import Accounts
import AssayCore
import AssayStore
import Foundation
import GuidanceGroups
import OpenAPIRuntime

/// The files of a case's review over HTTP: photos and documents stored by SHA-256 (an answer
/// names them; the page's offline queue may send one twice and it is stored once), the
/// XLSForm a group fills in offline, and the import of those forms' submissions as answers.
extension AssayAPI {
    func storeEvidence(_ input: Operations.StoreEvidence.Input) async throws -> Operations.StoreEvidence.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        let state: CaseState
        switch try await visibleCase(input.path.caseID, to: account) {
        case .failure(let problem): return .init(unseen: problem)
        case .success(let found): state = found
        }
        guard let actor = account.actor else { return .forbidden(Access.readsOnly(account).response) }
        let (mediaType, body): (String, HTTPBody) = switch input.body {
        case .jpeg(let body): ("image/jpeg", body)
        case .png(let body): ("image/png", body)
        case .pdf(let body): ("application/pdf", body)
        case .binary(let body): ("application/octet-stream", body)
        }
        let bytes = try await [UInt8](collecting: body, upTo: maximumBody)
        let file = EvidenceFile(bytes: bytes, mediaType: mediaType, name: input.query.name, storedBy: actor.id, storedAt: Timestamp(clock()))
        guard file.sha256 == input.path.sha256 else {
            return .badRequest(Problem.badRequest("the body's SHA-256 is \(file.sha256), not \(input.path.sha256); nothing was stored", field: "sha256").response)
        }
        let view = Components.Schemas.EvidenceStored(sha256: file.sha256, size: bytes.count, mediaType: mediaType, name: file.name)
        return try await evidence.storeEvidence(file, for: state.id) ? .created(.init(body: .json(view))) : .ok(.init(body: .json(view)))
    }

    func evidence(_ input: Operations.Evidence.Input) async throws -> Operations.Evidence.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        let state: CaseState
        switch try await visibleCase(input.path.caseID, to: account) {
        case .failure(let problem): return .init(unseen: problem)
        case .success(let found): state = found
        }
        guard let file = try await evidence.evidence(input.path.sha256, for: state.id) else {
            return .notFound(Problem.notFound("case \(state.id) has no file with SHA-256 \(input.path.sha256)").response)
        }
        let body = HTTPBody(file.bytes)
        return switch file.mediaType {
        case "image/jpeg": .ok(.init(body: .jpeg(body)))
        case "image/png": .ok(.init(body: .png(body)))
        case "application/pdf": .ok(.init(body: .pdf(body)))
        default: .ok(.init(body: .binary(body)))
        }
    }

    func caseForm(_ input: Operations.CaseForm.Input) async throws -> Operations.CaseForm.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        let state: CaseState
        switch try await visibleCase(input.path.caseID, to: account) {
        case .failure(let problem): return .init(unseen: problem)
        case .success(let found): state = found
        }
        let guidance = try await engine.currentPluginStates().state(of: GuidanceGroups.self) ?? GuidanceGroupsState()
        guard let form = guidance.fieldForm(for: state) else { return .notFound(Problem.notFound(GuidanceGroupsState.noGroup(state.id)).response) }
        return .ok(.init(body: .applicationVnd_openxmlformatsOfficedocument_spreadsheetml_sheet(HTTPBody(form.bytes))))
    }

    func importSubmissions(_ input: Operations.ImportSubmissions.Input) async throws -> Operations.ImportSubmissions.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard case .csv(let body) = input.body else { return .badRequest(Problem.badRequest("send the export as text/csv").response) }
        let state: CaseState
        switch try await visibleCase(input.path.caseID, to: account) {
        case .failure(let problem): return .init(unseen: problem)
        case .success(let found): state = found
        }
        guard let actor = account.actor, account.role.hasSuffix("-expert") else {
            return .forbidden(Problem.forbidden("role", "an expert imports its own submissions; \(account.id) is \(account.role)").response)
        }
        let guidance = try await engine.currentPluginStates().state(of: GuidanceGroups.self) ?? GuidanceGroupsState()
        guard let round = guidance.currentRound(of: state.id), let checklist = guidance.checklists[round.group.checklist] else {
            return .unprocessableContent(Problem.refused(GuidanceGroupsState.noGroup(state.id)).response)
        }
        let submissions: Submissions
        do { submissions = try Submissions(try await Data(collecting: body, upTo: maximumBody), file: "the export") } catch {
            return .badRequest(Problem.badRequest("\(error)").response)
        }
        // Each expert imports its own: the actor of every answer is the account signed in.
        let (answers, problems) = try await submissions.answers(for: state, round: round, checklist: checklist, onlyBy: actor.id, media: { name in
            try await evidence.evidenceHash(named: name, for: state.id)
        }, missing: "among the files of case \(state.id); store it first with PUT /cases/{caseID}/evidence/{sha256}?name=FILE")
        guard problems.isEmpty else {
            return .unprocessableContent(Problem.refused("nothing was imported; \(counted(problems.count, "problem")): " + problems.map(\.description).joined(separator: "; ")).response)
        }
        guard !answers.isEmpty else { return .unprocessableContent(Problem.refused("the export holds no answers").response) }
        let records = try answers.map { PluginRecord(plugin: GuidanceGroups.name, type: RecordType.answer, by: actor, value: try RecordValue(encoding: $0.answer)) }
        do {
            try await engine.record(records, about: state.id, at: clock())
        } catch let refusal as RecordError {
            return .unprocessableContent(Problem(refusal).response)
        }
        return .created(.init(body: .json(.init(answers: answers.count, submissions: submissions.count))))
    }
}
