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

    func registerRegistration(on router: Router<AssayRequestContext>) {
        router.get("/app/registration") { request, _ in
            guard let reader = signedIn(request) else { return signInFirst(request) }
            return page("registration", title: reader.t("registration"), RegistrationView(csv: "", recorded: false, rows: []), for: reader)
        }
        router.post("/app/registration") { request, _ in
            guard let reader = signedIn(request) else { return signInFirst(request) }
            let form: FormBody
            switch try await self.form(request, reader: reader, limit: api.maximumBody) {
            case .failure(let problem): return problemPage(problem, for: reader)
            case .success(let found): form = found
            }
            let csv = form.fields.first { $0.name == "csv" }?.value ?? ""
            let output = try await api.auditRegistrations(.init(query: .init(record: form["record"] == "1"), body: .csv(HTTPBody(csv))))
            if let problem = OperationProblem.find(in: output) { return problemPage(problem, for: reader) }
            let audit: Components.Schemas.RegistrationAudit
            switch output {
            case .ok(let ok): guard case .json(let body) = ok.body else { return problemPage(.badRequest("no audit"), for: reader) }; audit = body
            case .created(let created): guard case .json(let body) = created.body else { return problemPage(.badRequest("no audit"), for: reader) }; audit = body
            default: return problemPage(.badRequest("no audit"), for: reader)
            }
            let rows = audit.rows.map { row in
                RegistrationRow(row: row.row, institution: row.institution, problems: row.problems.map { "\($0.column): \($0.message)" }, clean: row.problems.isEmpty)
            }
            return page("registration", title: reader.t("registration"),
                        RegistrationView(csv: csv, rules: audit.rules, recorded: audit.recorded, rows: rows, report: audit.report), for: reader)
        }
    }
}
