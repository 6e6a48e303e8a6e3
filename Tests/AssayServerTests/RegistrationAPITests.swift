import AssayCore
import AssayDemo
import Foundation
import Hummingbird
import HummingbirdTesting
import RegistrationAudit
import Testing

/// Registration compliance over HTTP: the code check, the batch audit, decisions, standing.
@Suite("Registration audits through the server")
struct RegistrationAPITests {
    /// A CSV of the registrations of 410883-002 (compliant) and 410883-001 (with `legalPerson`).
    static func csv(legalPerson: String) throws -> String {
        let rules = try BuiltInRules.rules()
        let rows = try ["410883-002", "410883-001"].map { id in
            let institution = try #require(Jiaozuo.institutions.first { $0.id == id })
            let registration = DemoRegistrations.registration(of: institution, rules: rules)
            return [id, registration.code, registration.name, registration.category, registration.county, registration.ownership, registration.nature,
                    id == "410883-001" ? legalPerson : "yes", registration.practiceSubjects.joined(separator: ";")].joined(separator: ",")
        }
        return ([BatchAudit.columns.joined(separator: ",")] + rows).joined(separator: "\n") + "\n"
    }

    @Test("anyone may audit a file without recording it; only a commission over every row's institution records it, all rows or none")
    func batchAudit() async throws {
        let fixture = try await IntegrityAPITests.fixture()
        try await fixture.test { client in
            func audit(_ account: String, record: Bool, _ csv: String) async throws -> (status: Int, body: [String: Any], text: String) {
                let response = try await client.execute(uri: "/registration/audits?record=\(record)", method: .post,
                                                        headers: [.authorization: "Bearer \(try await client.signIn(account))", .contentType: "text/csv"],
                                                        body: ByteBuffer(string: csv))
                let text = String(buffer: response.body)
                return (Int(response.status.code), (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:], text)
            }
            let size = try await fixture.store.logSize()
            let checked = try await audit("staff@410883-002", record: false, try Self.csv(legalPerson: "no"))
            #expect(checked.status == 200 && checked.body["recorded"] as? Bool == false, "\(checked.text)")
            let rows = try #require(checked.body["rows"] as? [[String: Any]])
            #expect(rows.map { ($0["problems"] as? [[String: Any]])?.compactMap { $0["column"] as? String } ?? [] } == [[], ["legal-person"]])
            #expect((checked.body["report"] as? String)?.contains("row 3, column legal-person (410883-001)") == true, "\(checked.text)")

            #expect(try await audit("staff@410883-002", record: true, try Self.csv(legalPerson: "no")).status == 403)
            let outside = try await audit("commission@410700", record: true, try Self.csv(legalPerson: "no"))
            #expect(outside.status == 403 && outside.body["type"] as? String == "/problems/jurisdiction", "\(outside.text)")
            #expect(try await audit("commission@410800", record: true, try Self.csv(legalPerson: "perhaps")).status == 422)
            #expect(try await audit("commission@410800", record: false, "institution,code\n").status == 400)
            #expect(try await fixture.store.logSize() == size)

            let recorded = try await audit("commission@410800", record: true, try Self.csv(legalPerson: "no"))
            #expect(recorded.status == 201 && recorded.body["recorded"] as? Bool == true, "\(recorded.text)")
            #expect(try await fixture.store.logSize() > size)
        }
    }

    @Test("a commission decides on the findings of an institution of its region; the institution reads its own standing and no other's")
    func decideAndShow() async throws {
        let fixture = try await IntegrityAPITests.fixture()
        try await fixture.test { client in
            let city = try await client.signIn("commission@410800")
            let upload = try await client.execute(uri: "/registration/audits?record=true", method: .post,
                                                  headers: [.authorization: "Bearer \(city)", .contentType: "text/csv"], body: ByteBuffer(string: try Self.csv(legalPerson: "no")))
            #expect(upload.status == .created)
            let staff = try await client.signIn("staff@410883-002")
            let decision = #"{"outcome":"rectify","deadline":"2022-04-30","note":"限期补齐独立法人证书"}"#
            #expect(try await client.call(.post, "/institutions/410883-001/registration/decisions", token: staff, json: decision).status == 403)
            #expect(try await client.call(.post, "/institutions/410883-001/registration/decisions", token: try await client.signIn("commission@410700"), json: decision).status == 403)
            let undated = try await client.call(.post, "/institutions/410883-001/registration/decisions", token: city, json: #"{"outcome":"rectify","note":"n"}"#)
            #expect(undated.status == 400, "\(undated.text)")
            #expect(try await client.call(.post, "/institutions/410883-002/registration/decisions", token: city, json: decision).status == 422)
            #expect(try await client.call(.post, "/institutions/410883-001/registration/decisions", token: city, json: decision).status == 201)

            let shown = try await client.call(.get, "/institutions/410883-001/registration", token: city)
            #expect(shown.body["standing"] as? String == "not-compliant" && (shown.body["findings"] as? [String])?.first?.hasPrefix("legal-person: ") == true, "\(shown.text)")
            #expect((shown.body["decision"] as? [String: Any])?["deadline"] as? String == "2022-04-30")
            #expect((shown.body["decisions"] as? [[String: Any]])?.first?["by"] as? String == "commission@410800")
            let own = try await client.call(.get, "/institutions/410883-002/registration", token: staff)
            #expect(own.status == 200 && own.body["standing"] as? String == "compliant", "\(own.text)")
            #expect(try await client.call(.get, "/institutions/410883-001/registration", token: staff).status == 403)
        }
    }

    @Test("a code check names the rule a code breaks")
    func codeCheck() async throws {
        let fixture = try await ServerFixture()
        let institution = try #require(Jiaozuo.institutions.first { $0.id == "410883-001" })
        let code = DemoRegistrations.registration(of: institution, rules: try BuiltInRules.rules()).code
        try await fixture.test { client in
            let token = try await client.signIn("staff@410883-002")
            let valid = try await client.call(.get, "/registration/codes/\(code)", token: token)
            #expect(valid.body["valid"] as? Bool == true && (valid.body["detail"] as? String)?.contains("division 410883") == true, "\(valid.text)")
            let broken = String(code.dropLast()) + (code.last == "0" ? "1" : "0")
            let invalid = try await client.call(.get, "/registration/codes/\(broken)", token: token)
            let expected = CodeCheck(broken, rules: try BuiltInRules.rules()).detail
            #expect(invalid.body["valid"] as? Bool == false && invalid.body["detail"] as? String == expected, "\(invalid.text)")
        }
    }
}
