import Accounts
import AssayCore
import Coordinators
import Foundation
import Hummingbird
import OpenAPIRuntime

/// The double-random draw (双随机一公开) on a page: a commission announces one over the latest
/// directory, runs it once a signed checkpoint covers the announcement, and anyone signed in
/// opens a draw and verifies it — each through the API's operations.
extension Pages {
    struct DrawView {
        var id: String
        var canDraw: Bool
        var announcement: String?
        var result: [String]
        var seed: String?
        var verification: String?
        var verified: Bool
    }

    func registerDraws(on router: Routes) {
        router.get("draws") { request, _ in
            let reader = try signedIn(request)
            if let id = request.uri.queryParameters.get("id"), !id.isEmpty { return Self.seeOther("/app/draws/\(Self.segment(id))") }
            return page("draws", title: reader.t("draw"), DrawView(id: "", canDraw: AssayAPI.commissionLevel(reader.account!) != nil, result: [], verified: false), for: reader)
        }
        router.post("draws") { request, _ in
            let reader = try signedIn(request)
            let form = try await self.form(request, reader: reader)
            guard let targets = form["targets"].flatMap(Int.init) else { throw PageInterruption.refused(.badRequest("say how many institutions to draw", field: "targets")) }
            let id = form["id"] ?? ""
            let output = try await api.announceDraw(.init(body: .json(.init(id: id, targets: targets, inspectors: form["inspectors"].flatMap(Int.init), region: form["region"]))))
            try check(output)
            return Self.seeOther("/app/draws/\(Self.segment(id))")
        }
        router.get("draws/{drawID}") { request, context in
            let reader = try signedIn(request)
            let id = context.parameters.get("drawID")?.removingPercentEncoding ?? ""
            let recorded = try await RecordedDraw(id, store: api.engine.store)
            guard let announcement = recorded.announcement else { throw PageInterruption.refused(.notFound("no draw \(id) has been announced")) }
            var view = DrawView(id: id, canDraw: AssayAPI.commissionLevel(reader.account!) != nil && recorded.result == nil,
                                announcement: "\(announcement.targets) × \(announcement.inspectors) · \(announcement.region)",
                                result: recorded.result?.inspections.map { "\($0.institution): \($0.inspectors.joined(separator: "、"))" } ?? [],
                                seed: recorded.result.map { "\($0.seed) (checkpoint \($0.checkpoint), \($0.treeSize))" }, verified: false)
            if recorded.result != nil {
                let output = try await api.verifyDraw(.init(path: .init(drawID: id)))
                if case .ok(let ok) = output, case .json(let verification) = ok.body {
                    (view.verified, view.verification) = (verification.verified, verification.detail)
                } else {
                    view.verification = OperationProblem.find(in: output)?.detail
                }
            }
            return page("draw", title: "\(reader.t("draw")) \(id)", view, for: reader)
        }
        router.post("draws/{drawID}/run") { request, context in
            let reader = try signedIn(request)
            _ = try await form(request, reader: reader)
            let id = context.parameters.get("drawID")?.removingPercentEncoding ?? ""
            let output = try await api.runDraw(.init(path: .init(drawID: id)))
            try check(output)
            return Self.seeOther("/app/draws/\(Self.segment(id))")
        }
    }
}
