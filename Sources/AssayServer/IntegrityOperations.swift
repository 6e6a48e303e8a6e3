import Accounts
import AssayCore
import Coordinators
import Foundation
import IntegrityRecords

/// Integrity records over HTTP: an expert declares its own conflicts of interest; a commission
/// records violations, conflicts and suspensions about the institutions and experts of its
/// region (by the latest directory). Each account reads the records of what it oversees: its
/// own, for an institution or an expert; everything, for an auditor or the operator.
extension AssayAPI {
    func recordIntegrity(_ input: Operations.RecordIntegrity.Input) async throws -> Operations.RecordIntegrity.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard case .json(let request) = input.body else { return .badRequest(Problem.badRequest("send JSON").response) }
        guard let subject = Self.integritySubject(request.subject) else {
            return .badRequest(Problem.badRequest("'\(request.subject)' is not institution:ID or expert:ID", field: "subject").response)
        }
        guard let actor = account.actor else { return .forbidden(Access.readsOnly(account).response) }
        if Self.commissionLevel(account) == nil {
            guard account.role.hasSuffix("-expert"), subject == Subject(kind: "expert", id: account.id), request.record.kind == .conflict else {
                return .forbidden(Problem.forbidden("role", "an expert declares its own conflicts of interest and a commission records the rest; \(account.id) is \(account.role)").response)
            }
        } else {
            if let problem = Self.problem(try await oversight(of: subject, by: account), of: subject, by: account) { return .init(refusal: problem) }
        }
        let record: IntegrityRecord = try Self.schemaValue(request.record)
        let integrity = try await engine.currentPluginStates().state(of: IntegrityRecords.self) ?? IntegrityState()
        let entry = SubjectRecord(subject: subject, record: PluginRecord(plugin: IntegrityRecords.name, type: IntegrityRecordType.of(subject), by: actor,
                                                                         value: try RecordValue(encoding: record)))
        do {
            try await engine.record([entry], storing: try BuiltInIntegrityRules.toStore(with: integrity), by: actor, at: clock())
        } catch let refusal as RecordError {
            let problem = Problem(refusal)
            return problem.status == 400 ? .badRequest(problem.response) : .unprocessableContent(problem.response)
        }
        return .created(.init(body: .json(request)))
    }

    func importIntegrityRecords(_ input: Operations.ImportIntegrityRecords.Input) async throws -> Operations.ImportIntegrityRecords.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard case .csv(let body) = input.body else { return .badRequest(Problem.badRequest("send the records as text/csv").response) }
        guard let actor = account.actor, Self.commissionLevel(account) != nil else {
            return .forbidden(Problem.forbidden("role", "a commission imports integrity records; \(account.id) is \(account.role)").response)
        }
        guard let text = String(data: try await Data(collecting: body, upTo: maximumBody), encoding: .utf8) else {
            return .badRequest(Problem.badRequest("the file is not UTF-8 text; save it as CSV UTF-8").response)
        }
        let read: IntegrityCSV
        do { read = try IntegrityCSV(text) } catch {
            return .badRequest(Problem.badRequest("\(error)").response)
        }
        guard read.problems.isEmpty else {
            return .badRequest(Problem.badRequest("nothing was imported; \(counted(read.problems.count, "problem")): " + read.problems.joined(separator: "; ")).response)
        }
        guard !read.records.isEmpty else { return .unprocessableContent(Problem.refused("the file holds no records").response) }
        // All or none: every subject is the commission's before anything is written.
        for subject in Set(read.records.map(\.subject)).sorted() {
            if var problem = Self.problem(try await oversight(of: subject, by: account), of: subject, by: account) {
                problem.detail += "; nothing was imported"
                return .init(refusal: problem)
            }
        }
        let integrity = try await engine.currentPluginStates().state(of: IntegrityRecords.self) ?? IntegrityState()
        let entries = try read.entries(by: actor)
        do {
            try await engine.record(entries, storing: try BuiltInIntegrityRules.toStore(with: integrity), by: actor, at: clock())
        } catch let refusal as RecordError {
            let problem = Problem(refusal)
            return problem.status == 400 ? .badRequest(problem.response) : .unprocessableContent(problem.response)
        }
        return .created(.init(body: .json(.init(records: entries.count))))
    }

    func listIntegrityRecords(_ input: Operations.ListIntegrityRecords.Input) async throws -> Operations.ListIntegrityRecords.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        let integrity = try await engine.currentPluginStates().state(of: IntegrityRecords.self) ?? IntegrityState()
        var entries: [Components.Schemas.IntegrityEntry] = []
        for subject in integrity.records.keys.sorted() where try await oversight(of: subject, by: account) == .inside {
            for record in integrity.current(subject) where input.query.kind.map({ $0.rawValue == record.kind.rawValue }) ?? true {
                entries.append(.init(subject: subject.description, record: try Self.schemaValue(record)))
            }
        }
        return .ok(.init(body: .json(.init(records: entries))))
    }

    func showIntegrityRecords(_ input: Operations.ShowIntegrityRecords.Input) async throws -> Operations.ShowIntegrityRecords.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard let subject = Self.integritySubject(input.path.subject) else {
            return .badRequest(Problem.badRequest("'\(input.path.subject)' is not institution:ID or expert:ID", field: "subject").response)
        }
        guard try await oversight(of: subject, by: account) == .inside else {
            return .forbidden(Problem.forbidden("jurisdiction", "the records about \(subject) are not \(account.id)'s to read").response)
        }
        let versions = (try await engine.currentPluginStates().state(of: IntegrityRecords.self) ?? IntegrityState()).records[subject] ?? [:]
        let records = try versions.keys.sorted().map { id in
            Components.Schemas.IntegrityHistory.RecordsPayloadPayload(id: id, versions: try versions[id]!.map { version in
                .init(record: try Self.schemaValue(version.record), by: version.by, at: version.at.date)
            })
        }
        return .ok(.init(body: .json(.init(subject: subject.description, records: records))))
    }

    /// `institution:ID` or `expert:ID`, or nil.
    static func integritySubject(_ text: String) -> Subject? {
        let subject = Subject(text)
        return ["institution", "expert"].contains(subject.kind) && !identifier(subject).isEmpty ? subject : nil
    }

    /// What follows `KIND:` in a subject.
    static func identifier(_ subject: Subject) -> String {
        String(subject.value.dropFirst(subject.kind.count + 1))
    }
}
