import Accounts
import AssayCore
import AssayHistory
import Foundation
import OpenAPIRuntime

/// The auditor's reads: the log's status, its checkpoints as signed notes, proofs, the
/// verification and the replay (streamed with their progress), and the export (streamed). They
/// read only, through the store's readers, so other requests go on while they run. Whatever
/// holds the log's events (verify, replay of every case, the export, an inclusion proof) is an
/// auditor's or an operator's; a case's replay is anyone's who sees the case.
extension AssayAPI {
    func logStatus(_ input: Operations.LogStatus.Input) async throws -> Operations.LogStatus.Output {
        guard SignedIn.current != nil else { return .unauthorized(Problem.unauthorized.response) }
        let store = engine.store
        let size = try await store.logSize()
        let root = MerkleTree.root(try await LogReader.leafHashes(of: store, upTo: size)[...])
        return .ok(.init(body: .json(.init(size: size, rootHash: root.hex, origin: try await store.origin(), checkpoints: try await store.checkpoints().count))))
    }

    func latestCheckpoint(_ input: Operations.LatestCheckpoint.Input) async throws -> Operations.LatestCheckpoint.Output {
        guard SignedIn.current != nil else { return .unauthorized(Problem.unauthorized.response) }
        let checkpoints = try await engine.store.checkpoints()
        guard let note = checkpoints.last?.note else { return .notFound(Problem.notFound("the log has no signed checkpoint with a note; sign one with `assay log checkpoint`").response) }
        return .ok(.init(body: .plainText(HTTPBody(note))))
    }

    func checkpoint(_ input: Operations.Checkpoint.Input) async throws -> Operations.Checkpoint.Output {
        guard SignedIn.current != nil else { return .unauthorized(Problem.unauthorized.response) }
        let checkpoints = try await engine.store.checkpoints()
        let number = input.path.number
        guard checkpoints.indices.contains(number - 1), let note = checkpoints[number - 1].note else {
            return .notFound(Problem.notFound("there is no checkpoint \(number) with a note; the log holds \(checkpoints.count)").response)
        }
        return .ok(.init(body: .plainText(HTTPBody(note))))
    }

    func proveInclusion(_ input: Operations.ProveInclusion.Input) async throws -> Operations.ProveInclusion.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard AccountRole.serverRoles.contains(account.role) else { return .forbidden(Self.auditorsOnly(account, "an inclusion proof holds the event itself").response) }
        do {
            let proof = try await InclusionProof.make(for: input.query.position, checkpoint: input.query.checkpoint, in: engine.store)
            return .ok(.init(body: .json(try Self.schemaValue(proof))))
        } catch let error as AuditError {
            let problem = Self.problem(error)
            return problem.status == 404 ? .notFound(problem.response) : .unprocessableContent(problem.response)
        }
    }

    func proveConsistency(_ input: Operations.ProveConsistency.Input) async throws -> Operations.ProveConsistency.Output {
        guard SignedIn.current != nil else { return .unauthorized(Problem.unauthorized.response) }
        do {
            let proof = try await ConsistencyProof.make(from: input.query.from, to: input.query.to, in: engine.store)
            return .ok(.init(body: .json(try Self.schemaValue(proof))))
        } catch let error as AuditError {
            let problem = Self.problem(error)
            return problem.status == 404 ? .notFound(problem.response) : .unprocessableContent(problem.response)
        }
    }

    /// A proof that cannot be made: 404 for an event or checkpoint the log does not have, 422
    /// otherwise (an event after the checkpoint, a log that no longer matches its checkpoint).
    static func problem(_ error: AuditError) -> Problem {
        switch error {
        case .noSuchEvent, .noSuchCheckpoint: .notFound(error.description)
        default: .refused(error.description)
        }
    }

    func replayCase(_ input: Operations.ReplayCase.Input) async throws -> Operations.ReplayCase.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        let state: CaseState
        switch try await visibleCase(input.path.caseID, to: account) {
        case .failure(let problem): return .init(unseen: problem)
        case .success(let found): state = found
        }
        let report = try await Replayer(store: engine.store, plugins: engine.plugins).run(only: [state.id])
        return .ok(.init(body: .json(.init(_case: state.id.value, events: report.events, consistent: report.isConsistent, path: report.paths[state.id] ?? [],
                                           divergences: report.divergences.map { .init(sequence: $0.sequence, reason: $0.reason) }))))
    }

    func verifyLog(_ input: Operations.VerifyLog.Input) async throws -> Operations.VerifyLog.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard AccountRole.serverRoles.contains(account.role) else { return .forbidden(Self.auditorsOnly(account, "verifying the log reads all of it").response) }
        let store = engine.store
        return .ok(.init(body: .applicationXNdjson(ProgressLines.body { progress in
            let report = try await LogVerifier(store: store, progress: progress).run()
            return VerifyLine(valid: report.isValid, events: report.events, bytes: report.bytes, cases: report.cases, definitions: report.definitions,
                              checkpoints: report.checkpoints, rootHash: report.rootHash.hex, problems: report.problems.map(\.description))
        })))
    }

    func replayLog(_ input: Operations.ReplayLog.Input) async throws -> Operations.ReplayLog.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard AccountRole.serverRoles.contains(account.role) else { return .forbidden(Self.auditorsOnly(account, "replaying every case reads the whole log").response) }
        let (store, plugins) = (engine.store, engine.plugins)
        return .ok(.init(body: .applicationXNdjson(ProgressLines.body { progress in
            let report = try await Replayer(store: store, plugins: plugins, progress: progress).run()
            return ReplayLine(consistent: report.isConsistent, cases: report.cases, events: report.events, divergences: report.divergences.map(\.description))
        })))
    }

    func exportLog(_ input: Operations.ExportLog.Input) async throws -> Operations.ExportLog.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard AccountRole.serverRoles.contains(account.role) else { return .forbidden(Self.auditorsOnly(account, "the export holds every case").response) }
        let chunks = LogExport.Chunks(store: engine.store).map { ArraySlice($0) }
        return .ok(.init(body: .applicationXNdjson(HTTPBody(chunks, length: .unknown, iterationBehavior: .single))))
    }

    /// The 403 for a read of the whole log by an account that is neither an auditor nor an operator.
    static func auditorsOnly(_ account: AccountsState.Account, _ why: String) -> Problem {
        .forbidden("role", "\(why), so it is an auditor's or an operator's; \(account.id) is \(account.role)")
    }

    /// A proof as the document's type: the library's own JSON, read back, so the body is what
    /// `assay log prove` prints and `assay log verify-proof` checks.
    static func schemaValue<Proof: Encodable, Schema: Decodable>(_ proof: Proof) throws -> Schema {
        try JSONDecoder().decode(Schema.self, from: JSONEncoder().encode(proof))
    }

    /// The report line of `GET /log/verify`.
    struct VerifyLine: Encodable {
        var type = "report"
        var valid: Bool
        var events, bytes, cases, definitions, checkpoints: Int
        var rootHash: String
        var problems: [String]
    }

    /// The report line of `GET /log/replay`.
    struct ReplayLine: Encodable {
        var type = "report"
        var consistent: Bool
        var cases, events: Int
        var divergences: [String]
    }
}
