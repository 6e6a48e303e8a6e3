import Accounts
import AssayCore
import Foundation
import GuidanceGroups
import Hummingbird
import OpenAPIRuntime

/// What the case page's forms write, each through the API's operation for it: a commission
/// forms the expert group round the team, the institution plans its rectification items and
/// reports progress and its figures, an expert verifies a planned item.
extension Pages {
    func registerCaseForms(on router: Routes) {
        router.post("cases/{caseID}/groups") { request, context in
            try await submit(request, context) { form, caseID in
                let leader = form["leader"] ?? ""
                return try await api.formGroup(.init(path: .init(caseID: caseID), body: .json(.init(checklist: form["checklist"] ?? "", leader: leader,
                                                                                                     members: form.all("members").filter { $0 != leader }, reason: form["reason"]))))
            }
        }
        router.post("cases/{caseID}/rectification/{step}") { request, context in
            try await submit(request, context) { form, caseID in
                let item = form["item"] ?? "", round = form["round"].flatMap(Int.init)
                switch context.parameters.get("step") {
                case "plans":
                    return try await api.planRectification(.init(path: .init(caseID: caseID), body: .json(.init(item: item, round: round, measure: form["measure"] ?? "",
                                                                                                                  responsible: form["responsible"] ?? "", deadline: form["deadline"] ?? ""))))
                case "progress":
                    return try await api.reportRectification(.init(path: .init(caseID: caseID), body: .json(.init(item: item, round: round, note: form["note"] ?? ""))))
                default:
                    return try await api.verifyRectification(.init(path: .init(caseID: caseID), body: .json(.init(item: item, round: round, note: form["note"] ?? ""))))
                }
            }
        }
        router.post("cases/{caseID}/figures") { request, context in
            try await submit(request, context) { form, caseID in
                var figures: [String: Int] = [:]
                for field in form.fields where field.name.hasPrefix("figure.") {
                    guard let value = Int(field.value) else { continue }
                    figures[String(field.name.dropFirst("figure.".count))] = value
                }
                return try await api.reportFigures(.init(path: .init(caseID: caseID), body: .json(.init(figures: .init(additionalProperties: figures)))))
            }
        }
    }

    /// Handles a form about the case the path names: the session's CSRF token checked, the
    /// operation called, then back to the case page (the operation's problem is the page otherwise).
    private func submit(_ request: Request, _ context: AssayRequestContext, _ call: (FormBody, String) async throws -> Any) async throws -> Response {
        let (reader, state) = try await visibleCase(request, context)
        try check(try await call(try await form(request, reader: reader), state.id.value))
        return Self.seeOther(Self.path(of: state.id.value) + "?done=\(request.uri.path.split(separator: "/").last ?? "")")
    }
}
