import AssayCore
import RegistrationAudit
import Testing

@Suite("Registration rules (seed 003, section 四)")
struct RegistrationRulesTests {
    let rules: RegistrationRules

    init() throws {
        rules = try BuiltInRules.rules()
    }

    /// A compliant community health service centre in 孟州市.
    func centre() throws -> RegistrationRecord {
        let code = try #require(SocialCreditCode.make(authority: "1", category: "2", division: "410883", organizationBody: "41740018"))
        return RegistrationRecord(code: code.text, name: "会昌社区卫生服务中心", category: "community-health-service-centre", county: "410883",
                                  ownership: "全民所有制", nature: "非营利性", legalPerson: true,
                                  practiceSubjects: ["预防保健科", "全科医疗科", "中医科", "康复医学科", "医学检验科", "医学影像科"])
    }

    /// A change to the compliant registration, and the fields the rules then find wanting.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var change: @Sendable (inout RegistrationRecord) -> Void
        var fields: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "compliant", change: { _ in }, fields: []),
        Case(name: "a name that does not match the category", change: { $0.name = "会昌卫生所" }, fields: ["name"]),
        Case(name: "a government-run centre that is for-profit", change: { $0.nature = "营利性" }, fields: ["nature"]),
        Case(name: "a private centre may be for-profit", change: { $0.ownership = "私人"; $0.nature = "营利性" }, fields: []),
        Case(name: "an unknown ownership form", change: { $0.ownership = "混合" }, fields: ["ownership"]),
        Case(name: "a centre without legal-person status", change: { $0.legalPerson = false }, fields: ["legal-person"]),
        Case(name: "practice subjects too narrow for basic care", change: { $0.practiceSubjects = ["全科医疗科"] }, fields: ["practice-subjects"]),
        Case(name: "a wrong category", change: { $0.category = "clinic" }, fields: ["category"]),
        Case(name: "a code registered in another county", change: { $0.county = "410821" }, fields: ["code"]),
        Case(name: "a code whose check character is wrong", change: { $0.code = String($0.code.dropLast()) + ($0.code.last == "0" ? "1" : "0") }, fields: ["code"]),
    ]

    @Test("each rule, as a table of cases", arguments: cases)
    func rule(_ test: Case) throws {
        var record = try centre()
        test.change(&record)
        #expect(rules.findings(for: record).map(\.field) == test.fields, "\(rules.findings(for: record))")
    }

    @Test("a finding says what is wrong and what to do")
    func findingWording() throws {
        var record = try centre()
        record.legalPerson = false
        #expect(rules.findings(for: record).map(\.description) == [
            "legal-person: a 社区卫生服务中心 (community health service centre) must have independent legal-person status; supply the certificate",
        ])
        record = try centre()
        record.county = "410821"
        #expect(rules.findings(for: record).first?.problem == "characters 3 to 8 name division 410883, which does not contain the institution's county 410821")
    }

    @Test("the directory is the nation's: a centre registered in Beijing, Xinjiang or Hainan complies; a code outside GB/T 2260 does not")
    func nationwideDivisions() throws {
        for county in ["110105", "650102", "460108"] {
            var record = try centre()
            record.code = try #require(SocialCreditCode.make(authority: "1", category: "2", division: county, organizationBody: "41740018")).text
            record.county = county
            #expect(rules.findings(for: record).isEmpty, "\(county): \(rules.findings(for: record))")
        }
        #expect(rules.divisions.count > 3_000)
        #expect(rules.lists(division: "410000") && rules.lists(division: "410800") && !rules.lists(division: "419900"))
    }

    @Test("a city's or the province's registration authority covers the counties under it")
    func divisionsAbove() throws {
        var record = try centre()
        record.code = try #require(SocialCreditCode.make(authority: "1", category: "2", division: "410800", organizationBody: "41740018")).text
        #expect(rules.findings(for: record).isEmpty)
        record.code = try #require(SocialCreditCode.make(authority: "1", category: "2", division: "410700", organizationBody: "41740018")).text
        #expect(rules.findings(for: record).first?.problem == "characters 3 to 8 name division 410700, which does not contain the institution's county 410883")
        record.code = try #require(SocialCreditCode.make(authority: "1", category: "2", division: "419900", organizationBody: "41740018")).text
        #expect(rules.findings(for: record).first?.problem == "characters 3 to 8 name division 419900, which is not in the directory")
    }

    @Test("a batch is reported by row and column; an unreadable file is refused whole")
    func batch() throws {
        let centre = try centre()
        let good = ["410883-002", centre.code, centre.name, centre.category, "410883", "全民所有制", "非营利性", "yes", centre.practiceSubjects.joined(separator: "、")]
        var noLegalPerson = good
        noLegalPerson[0] = "410883-003"
        noLegalPerson[7] = "否"
        var unreadable = good
        unreadable[0] = "410883-004"
        unreadable[7] = "maybe"
        unreadable[2] = ""
        // Spaces around a field, ASCII or ideographic, are not part of it.
        var padded = good.map { " \($0)\u{3000}" }
        padded[2] = "\t\(good[2])"
        let text = ([BatchAudit.columns] + [good, noLegalPerson, unreadable, padded]).map { $0.joined(separator: ",") }.joined(separator: "\r\n")
        let batch = try BatchAudit(text, rules: rules)
        #expect(batch.rows.map(\.number) == [2, 3, 4, 5])
        #expect(batch.unreadable.map(\.number) == [4])
        #expect(batch.rows[3].registration == batch.rows[0].registration && batch.rows[3].institution == good[0])
        #expect(batch.report == """
            row 3, column legal-person (410883-003): a 社区卫生服务中心 (community health service centre) must have independent legal-person status; supply the certificate
            row 4, column name (410883-004): is empty
            row 4, column legal-person (410883-004): is yes or no, not 'maybe'
            4 rows: 2 compliant, 2 not
            """)
        #expect(throws: BatchAuditError.missingColumns(["legal-person"], found: BatchAudit.columns.filter { $0 != "legal-person" })) {
            try BatchAudit(BatchAudit.columns.filter { $0 != "legal-person" }.joined(separator: ","), rules: rules)
        }
        #expect(throws: BatchAuditError.notCSV) { try BatchAudit("institution,\"code", rules: rules) }
        // A long file is audited on every core, its rows kept in the file's order.
        let ids = (1...1_500).map { String(format: "410883-%04d", $0) }
        let long = ([BatchAudit.columns] + ids.map { [$0] + good.dropFirst() }).map { $0.joined(separator: ",") }.joined(separator: "\n")
        let audited = try BatchAudit(long, rules: rules)
        #expect(audited.rows.map(\.institution) == ids)
        #expect(audited.rows.map(\.number) == Array(2...1_501))
        #expect(audited.rows.allSatisfy { $0.problems.isEmpty && $0.registration == batch.rows[0].registration })
    }
}
