import Accounts
import AssayCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Integrity records over HTTP: who may record what about whom, and who reads them.
@Suite("Integrity records through the server")
struct IntegrityAPITests {
    static func fixture() async throws -> ServerFixture {
        let fixture = try await ServerFixture()
        let by = Actor(id: "operator", role: AccountRole.operatorRole, jurisdiction: .system)
        for account in CoordinatorAPITests.commissions {
            try await fixture.administration.grant(account.id, role: account.role, for: account.for, password: "password-of-\(account.id)",
                                                   by: by, at: Date(timeIntervalSince1970: 1_646_096_400))
        }
        return fixture
    }

    static func entry(_ subject: String, kind: String, id: String, date: String = "2022-03-05", _ more: String = "") -> String {
        #"{"subject":"\#(subject)","record":{"id":"\#(id)","kind":"\#(kind)","description":"亲属在该院任职","date":"\#(date)"\#(more)}}"#
    }

    @Test("an expert declares its own conflicts and nothing else; a commission records about its region's institutions and experts; refusals write nothing")
    func whoRecords() async throws {
        let fixture = try await Self.fixture()
        try await fixture.test { client in
            let expert = try await client.signIn("county-expert-1@410883")
            let declared = try await client.call(.post, "/integrity/records", token: expert,
                                                 json: Self.entry("expert:county-expert-1@410883", kind: "conflict", id: "C-1", #","institution":"410883-002""#))
            #expect(declared.status == 201, "\(declared.text)")
            let size = try await fixture.store.logSize()
            let refusals: [(String, String, Int, String?)] = [
                ("county-expert-1@410883", Self.entry("expert:county-expert-1@410882", kind: "conflict", id: "C-2", #","institution":"410883-002""#), 403, "/problems/role"),
                ("county-expert-1@410883", Self.entry("expert:county-expert-1@410883", kind: "suspension", id: "S-1", #","until":"2022-12-31""#), 403, "/problems/role"),
                ("staff@410883-002", Self.entry("institution:410883-002", kind: "violation", id: "V-1", #","finding":"pending""#), 403, "/problems/role"),
                ("auditor-1", Self.entry("institution:410883-002", kind: "violation", id: "V-1", #","finding":"pending""#), 403, "/problems/role"),
                ("commission@410700", Self.entry("institution:410883-002", kind: "violation", id: "V-1", #","finding":"pending""#), 403, "/problems/jurisdiction"),
                ("commission@410800", Self.entry("institution:999999-001", kind: "violation", id: "V-1", #","finding":"pending""#), 422, nil),
                ("commission@410800", Self.entry("institution:410883-002", kind: "violation", id: "V-1", date: "2022-02-30", #","finding":"pending""#), 400, nil),
                ("commission@410800", Self.entry("clinic-7", kind: "violation", id: "V-1"), 400, nil),
            ]
            for (account, json, status, type) in refusals {
                let refused = try await client.call(.post, "/integrity/records", token: try await client.signIn(account), json: json)
                #expect(refused.status == status, "\(account) \(json): \(refused.text)")
                if let type { #expect(refused.body["type"] as? String == type, "\(account): \(refused.text)") }
            }
            #expect(try await fixture.store.logSize() == size)

            let city = try await client.signIn("commission@410800")
            for more in [#","finding":"pending""#, #","finding":"substantiated""#] {
                let recorded = try await client.call(.post, "/integrity/records", token: city, json: Self.entry("institution:410883-002", kind: "violation", id: "V-1", more))
                #expect(recorded.status == 201, "\(recorded.text)")
            }
            let shown = try await client.call(.get, "/integrity/records/institution:410883-002", token: city)
            let versions = try #require((shown.body["records"] as? [[String: Any]])?.first?["versions"] as? [[String: Any]], "\(shown.text)")
            #expect(versions.count == 2 && versions.allSatisfy { $0["by"] as? String == "commission@410800" })
            #expect((versions.last?["record"] as? [String: Any])?["finding"] as? String == "substantiated")
        }
    }

    @Test("each account reads the records of what it oversees: an institution its own, an expert its own, a commission its region's, the auditor all")
    func whoReads() async throws {
        let fixture = try await Self.fixture()
        try await fixture.test { client in
            let city = try await client.signIn("commission@410800")
            try await client.call(.post, "/integrity/records", token: city, json: Self.entry("institution:410883-002", kind: "violation", id: "V-1", #","finding":"pending""#))
            try await client.call(.post, "/integrity/records", token: try await client.signIn("county-expert-1@410883"),
                                  json: Self.entry("expert:county-expert-1@410883", kind: "conflict", id: "C-1", #","institution":"410883-002""#))
            func subjects(_ account: String) async throws -> [String] {
                let list = try await client.call(.get, "/integrity/records", token: try await client.signIn(account))
                return (list.body["records"] as? [[String: Any]] ?? []).compactMap { $0["subject"] as? String }
            }
            #expect(try await subjects("commission@410800") == ["expert:county-expert-1@410883", "institution:410883-002"])
            #expect(try await subjects("auditor-1") == ["expert:county-expert-1@410883", "institution:410883-002"])
            #expect(try await subjects("commission@410700") == [])
            #expect(try await subjects("staff@410883-002") == ["institution:410883-002"])
            #expect(try await subjects("county-expert-1@410883") == ["expert:county-expert-1@410883"])
            let conflicts = try await client.call(.get, "/integrity/records?kind=conflict", token: city)
            #expect((conflicts.body["records"] as? [Any])?.count == 1)
            let institution = try await client.signIn("staff@410883-002")
            #expect(try await client.call(.get, "/integrity/records/institution:410883-002", token: institution).status == 200)
            #expect(try await client.call(.get, "/integrity/records/expert:county-expert-1@410883", token: institution).status == 403)
        }
    }
}
