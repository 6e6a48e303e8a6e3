import Accounts
import AssayCore
import Foundation
import Hummingbird
import OpenAPIRuntime

/// A commission's registration audit on a page: a CSV of registrations (chosen as a file, or
/// pasted), checked with its report by row and column, and recorded (all rows, or none) —
/// through the API's `auditRegistrations`.
extension Pages {
    struct RegistrationView {
        var csv: String
        var rules: String?
        var recorded: Bool
        var rows: [RegistrationRow]
        var report: String?
    }

    struct RegistrationRow {
        var row: Int
        var institution: String
        var problems: [String]
        var clean: Bool
    }

    func registerRegistration(on router: Routes) {
        router.get("registration") { request, _ in
            let reader = try signedIn(request)
            return page("registration", title: reader.t("registration"), RegistrationView(csv: "", recorded: false, rows: []), for: reader)
        }
        router.post("registration") { request, _ in
            let reader = try signedIn(request)
            let form = try await self.form(request, reader: reader, limit: api.maximumBody)
            let csv = form.fields.first { $0.name == "csv" }?.value ?? ""
            let output = try await api.auditRegistrations(.init(query: .init(record: form["record"] == "1"), body: .csv(HTTPBody(csv))))
            try check(output)
            let audit: Components.Schemas.RegistrationAudit
            switch output {
            case .ok(let ok): guard case .json(let body) = ok.body else { throw PageInterruption.refused(.badRequest("no audit")) }; audit = body
            case .created(let created): guard case .json(let body) = created.body else { throw PageInterruption.refused(.badRequest("no audit")) }; audit = body
            default: throw PageInterruption.refused(.badRequest("no audit"))
            }
            let rows = audit.rows.map { row in
                RegistrationRow(row: row.row, institution: row.institution, problems: row.problems.map { "\($0.column): \($0.message)" }, clean: row.problems.isEmpty)
            }
            return page("registration", title: reader.t("registration"),
                        RegistrationView(csv: csv, rules: audit.rules, recorded: audit.recorded, rows: rows, report: audit.report), for: reader)
        }
    }
}
