import AssayCore
import Foundation
import RegistrationAudit

/// The batch registration audit of a national file (45,000 institutions, one a row) against a
/// plain CSV read of the same text, in the same run.
struct RegistrationBenchmark {
    let rows: Int

    /// A file of `rows` registrations across the directory's divisions, codes built by the
    /// GB 32100 algorithm, one in fifty lacking legal-person status unless `compliant`.
    func file(rules: RegistrationRules, compliant: Bool = false) -> String {
        let types = ["township-health-centre", "community-health-service-centre"]
        var lines = [BatchAudit.columns.joined(separator: ",")]
        lines.reserveCapacity(rows + 1)
        let counties = rules.divisions.filter { !$0.hasSuffix("00") }
        for index in 0..<rows {
            let county = counties[index % counties.count]
            let type = types[index % 2]
            let body = "4" + String(String(1_000_000 + index).suffix(7))
            let code = SocialCreditCode.make(authority: "1", category: "2", division: county, organizationBody: body)?.text ?? ""
            let name = type == types[0] ? "第\(index)号卫生院" : "第\(index)号社区卫生服务中心"
            let subjects = rules.categories[type]?.practiceSubjects.joined(separator: "、") ?? ""
            lines.append([String(index), code, name, type, county, "全民所有制", "非营利性", index % 50 == 0 && !compliant ? "no" : "yes", subjects].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func run(repetitions: Int) throws -> (bytes: Int, read: Measurement, audit: Measurement, failing: Int) {
        let rules = try BuiltInRules.rules()
        let text = file(rules: rules)
        var failing = 0
        let read = Measurement.run("plain CSV read", repetitions: repetitions) {
            precondition(CSVTable.rows(text)?.count == rows + 1)
        }
        let audit = try Measurement.run("batch audit", repetitions: repetitions) {
            failing = try BatchAudit(text, rules: rules).rows.filter { !$0.problems.isEmpty }.count
        }
        return (text.utf8.count, read, audit, failing)
    }
}
