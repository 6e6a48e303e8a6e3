import Accounts
import AssayCore
import Foundation
import Hummingbird
import OpenAPIRuntime

/// Integrity records on a page: those about the institutions and experts the account oversees,
/// a form to record one (or a new version of one), and a CSV import — through the API's
/// integrity operations, which decide who may record what.
extension Pages {
    struct IntegrityView {
        var records: [IntegrityRow]
        var imported: String?
    }

    struct IntegrityRow {
        var subject: String
        var id: String
        var kind: String
        var description: String
        var date: String
        var standing: String
    }

    func registerIntegrity(on router: Routes) {
        router.get("integrity") { request, _ in
            let reader = try signedIn(request)
            return try await integrityPage(reader, imported: request.uri.queryParameters.get("imported"))
        }
        router.post("integrity") { request, _ in
            let reader = try signedIn(request)
            let form = try await self.form(request, reader: reader)
            guard let kind = form["kind"].flatMap(Components.Schemas.IntegrityKind.init(rawValue:)) else {
                throw PageInterruption.refused(.badRequest("choose violation, conflict or suspension", field: "kind"))
            }
            let record = Components.Schemas.IntegrityRecord(id: form["id"] ?? "", kind: kind, description: form["description"] ?? "", date: form["date"] ?? "",
                                                             finding: form["finding"].flatMap(Components.Schemas.IntegrityRecord.FindingPayload.init(rawValue:)),
                                                             institution: form["institution"], county: form["county"], until: form["until"],
                                                             withdrawn: form["withdrawn"] == "1" ? true : nil)
            let output = try await api.recordIntegrity(.init(body: .json(.init(subject: form["subject"] ?? "", record: record))))
            try check(output)
            return Self.seeOther("/app/integrity")
        }
        router.post("integrity/imports") { request, _ in
            let reader = try signedIn(request)
            let form = try await self.form(request, reader: reader, limit: api.maximumBody)
            let output = try await api.importIntegrityRecords(.init(body: .csv(HTTPBody(form.fields.first { $0.name == "csv" }?.value ?? ""))))
            try check(output)
            guard case .created(let created) = output, case .json(let body) = created.body else { return Self.seeOther("/app/integrity") }
            return Self.seeOther("/app/integrity?imported=\(body.records)")
        }
    }

    private func integrityPage(_ reader: Reader, imported: String?) async throws -> Response {
        let output = try await api.listIntegrityRecords(.init())
        try check(output)
        guard case .ok(let ok) = output, case .json(let list) = ok.body else { throw PageInterruption.refused(.notFound("no records")) }
        let rows = list.records.map { entry in
            IntegrityRow(subject: entry.subject, id: entry.record.id, kind: entry.record.kind.rawValue, description: entry.record.description, date: entry.record.date,
                         standing: [entry.record.finding?.rawValue, entry.record.until.map { "until \($0)" }, entry.record.withdrawn == true ? "withdrawn" : nil]
                             .compactMap { $0 }.joined(separator: " · "))
        }
        return page("integrity", title: reader.t("integrity"), IntegrityView(records: rows, imported: imported), for: reader)
    }
}
