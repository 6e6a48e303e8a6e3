import Accounts
import AssayCore
import AssayHistory
import Foundation
import Hummingbird

/// The auditor's pages: a case's history (every event, who, when, its inputs, which guards
/// held, the definition it ran under and a proof of it to download), the stored definitions,
/// and the log's verification with its latest signed checkpoint as a C2SP note.
extension Pages {
    struct HistoryView {
        var caseID: String
        var caseHref: String
        var definition: String
        var definitionHref: String
        var events: [EventRow]
    }

    struct EventRow {
        var sequence: Int
        var position: Int
        var at: String
        var who: String
        var summary: String
        var inputs: [String]
        var guards: [String]
        var proofHref: String?
    }

    struct LogView {
        var valid: Bool
        var size: Int
        var cases: Int
        var checkpoints: Int
        var root: String
        var problems: [String]
        var note: String?
        var checkpointHref: String?
        /// The names on the latest checkpoint's cosignatures that verify for it (whether to
        /// trust those witnesses is the auditor's `--witness-keys`).
        var cosigners: [String]
        /// Stored, not computed: the templates read the view through reflection.
        var cosigned: Bool
    }

    struct DefinitionView {
        var hash: String
        var text: String
    }

    func registerHistory(on router: Routes) {
        router.get("cases/{caseID}/history") { request, context in
            let (reader, state) = try await visibleCase(request, context)
            let store = api.engine.store
            let entries = try await store.entries(of: state.id)
            let covered = try await store.checkpoints().last
            let proofs = AccountRole.serverRoles.contains(reader.account!.role)
            let rows = try entries.map { entry in
                let event = try entry.event()
                let view = CaseViews.event(event, plugins: api.engine.plugins)
                let provable = covered.map { entry.position <= $0.treeSize } ?? false
                return EventRow(sequence: event.sequence, position: entry.position, at: reader.show(event.at), who: [view.actor, view.role].compactMap { $0 }.joined(separator: " · "),
                                summary: view.summary, inputs: (view.inputs?.additionalProperties ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" },
                                guards: view.guards ?? [],
                                proofHref: proofs && provable ? "/log/proofs/inclusion?position=\(entry.position)&checkpoint=\(covered!.number)" : nil)
            }
            let view = HistoryView(caseID: state.id.value, caseHref: Self.path(of: state.id.value), definition: state.definitionHash.hex,
                                   definitionHref: "/app/definitions/\(state.definitionHash.hex)", events: rows)
            return page("history", title: "\(reader.t("history")) · \(state.id)", view, for: reader)
        }
        router.get("definitions/{hash}") { request, context in
            let reader = try signedIn(request)
            let hash = context.parameters.get("hash") ?? ""
            guard let bytes = try await api.engine.store.definitions().first(where: { $0.key.hex == hash })?.value else {
                throw PageInterruption.refused(.notFound("the store holds no definition \(hash)"))
            }
            return page("definition", title: "\(reader.t("definition")) \(hash.prefix(12))", DefinitionView(hash: hash, text: String(decoding: bytes, as: UTF8.self)), for: reader)
        }
    }

    func registerLog(on router: Routes) {
        router.get("log") { request, _ in
            let reader = try signedIn(request)
            guard AccountRole.serverRoles.contains(reader.account!.role) else {
                throw PageInterruption.refused(AssayAPI.auditorsOnly(reader.account!, "verifying the log reads all of it"))
            }
            let store = api.engine.store
            let report = try await LogVerifier(store: store).run()
            let last = try await store.checkpoints().last
            let cosigners = last.map { checkpoint in checkpoint.cosignatures.filter { $0.isValid(for: checkpoint) }.map(\.name) } ?? []
            let view = LogView(valid: report.isValid, size: report.events, cases: report.cases, checkpoints: report.checkpoints, root: report.rootHash.hex,
                               problems: report.problems.map(\.description), note: last?.note, checkpointHref: last.map { "/checkpoints/\($0.number)" },
                               cosigners: cosigners, cosigned: !cosigners.isEmpty)
            return page("log", title: reader.t("log"), view, for: reader)
        }
    }
}
