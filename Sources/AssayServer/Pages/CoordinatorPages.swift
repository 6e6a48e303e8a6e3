import Accounts
import AssayCore
import Coordinators
import Foundation
import Hummingbird

/// The commissions' pages: the monthly report with its chart (the figures of `assay report`),
/// and the review teams — every assignment in the log, making the next one for the cases
/// waiting (which also refills a seat a reviewer declined), and each assignment's verification.
extension Pages {
    struct ReportView {
        var at: String
        var chart: String
        var goals: String
        var rows: [ReportRow]
        var notYetBasic: [String]
    }

    struct ReportRow {
        var code: String
        var name: String
        var level: String
        var institutions: Int
        var basic: String
        var recommended: String
        var overdue: Int
    }

    struct AssignmentsView {
        var canAssign: Bool
        var made: [String]
        var assignments: [AssignmentRow]
    }

    struct AssignmentRow {
        var id: String
        var href: String
        var rule: String
        var period: String
        var cases: Int
    }

    struct VerificationView {
        var id: String
        var passed: Bool
        var rule: String
        var checks: [CheckRow]
    }

    struct CheckRow {
        var passed: Bool
        var text: String
    }

    func registerReport(on router: Routes) {
        router.get("report") { request, _ in
            let reader = try signedIn(request)
            let account = reader.account!
            guard AccountRole.serverRoles.contains(account.role) || AssayAPI.commissionLevel(account) != nil else {
                throw PageInterruption.refused(.forbidden("role", "the monthly report is a commission's, an auditor's or the operator's; \(account.id) is \(account.role)"))
            }
            let report = try await api.monthlyReport(for: account, at: Timestamp(api.clock()))
            let rows = report.regions.map { figures in
                ReportRow(code: figures.code, name: figures.name, level: figures.level, institutions: figures.institutions,
                          basic: "\(figures.basic) (\(MonthlyReport.percent(figures.tenths(figures.basic))))",
                          recommended: "\(figures.recommended) (\(MonthlyReport.percent(figures.tenths(figures.recommended))))", overdue: figures.overdue)
            }
            let view = ReportView(at: reader.show(report.at), chart: report.chart,
                                  goals: "\(reader.t("goals")) \(report.targets): \(reader.t("basic")) \(report.goals.basicShare)%, \(reader.t("recommended")) \(report.goals.recommendedShare)%",
                                  rows: rows, notYetBasic: report.regions.filter { $0.level == "county" }.flatMap(\.notYetBasic))
            return page("report", title: reader.t("report"), view, for: reader)
        }
    }

    func registerAssignments(on router: Routes) {
        router.get("assignments") { request, _ in
            let reader = try signedIn(request)
            return try await assignmentsPage(reader, made: request.uri.queryParameters.get("made").map { [$0] } ?? [])
        }
        router.post("assignments") { request, _ in
            let reader = try signedIn(request)
            _ = try await form(request, reader: reader)
            let output = try await api.makeAssignments(.init(body: .json(.init())))
            try check(output)
            guard case .created(let created) = output, case .json(let made) = created.body else { return Self.seeOther("/app/assignments?made=0") }
            return Self.seeOther("/app/assignments?made=\(made.assignments.map(\.id).joined(separator: ","))")
        }
        router.get("assignments/{id}") { request, context in
            let reader = try signedIn(request)
            let id = context.parameters.get("id") ?? ""
            let output = try await api.verifyAssignment(.init(path: .init(assignmentID: id)))
            try check(output)
            guard case .ok(let ok) = output, case .json(let verification) = ok.body else { throw PageInterruption.refused(.notFound(id)) }
            let view = VerificationView(id: id, passed: verification.passed, rule: verification.rule,
                                        checks: verification.checks.map { CheckRow(passed: $0.passed, text: $0.text) })
            return page("verification", title: "\(reader.t("verifyAssignment")) \(id)", view, for: reader)
        }
    }

    private func assignmentsPage(_ reader: Reader, made: [String]) async throws -> Response {
        let account = reader.account!
        guard AccountRole.serverRoles.contains(account.role) || AssayAPI.commissionLevel(account) != nil else {
            throw PageInterruption.refused(.forbidden("role", "a commission assigns the review teams; \(account.id) is \(account.role)"))
        }
        let state = try await api.engine.currentPluginStates().state(of: Coordinators.self) ?? AssignmentState()
        let rows = state.assignments.sorted { $0.key > $1.key }.map { id, made in
            AssignmentRow(id: id, href: "/app/assignments/\(id)", rule: made.rule.id, period: made.period, cases: made.cases.count)
        }
        let view = AssignmentsView(canAssign: AssayAPI.commissionLevel(account) != nil, made: made.filter { $0 != "0" }, assignments: rows)
        return page("assignments", title: reader.t("assignments"), view, for: reader)
    }
}
