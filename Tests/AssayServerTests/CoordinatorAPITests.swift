import Accounts
import AssayCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The commissions' operations over HTTP: assignment, decline, verification, the monthly report.
@Suite("The commissions through the server")
struct CoordinatorAPITests {
    static let commissions: [(id: String, role: String, for: String)] = [
        ("commission@410800", "city-coordinator", "region:410800"),
        ("commission@410700", "city-coordinator", "region:410700"),
        ("commission@410883", "county-coordinator", "region:410883"),
    ]

    /// The fixture with its case referred to the city's on-site review, and the commissions' accounts.
    static func atOnsiteReview() async throws -> ServerFixture {
        let fixture = try await ServerFixture()
        let start = Date(timeIntervalSince1970: 1_646_096_400)
        let by = Actor(id: "operator", role: AccountRole.operatorRole, jurisdiction: .system)
        for account in commissions {
            try await fixture.administration.grant(account.id, role: account.role, for: account.for, password: "password-of-\(account.id)", by: by, at: start)
        }
        let state = try await fixture.referToOnsiteReview(at: start)
        #expect(state.stage == "onsite-review")
        return fixture
    }

    @Test("the city commission assigns the on-site team (a dry run writes nothing), the assignment verifies, a decline frees a seat the next assignment refills")
    func assignVerifyDecline() async throws {
        let fixture = try await Self.atOnsiteReview()
        try await fixture.test { client in
            let city = try await client.signIn("commission@410800")
            let size = try await fixture.store.logSize()
            let dry = try await client.call(.post, "/assignments", token: city, json: #"{"dryRun":true}"#)
            #expect(dry.status == 200 && dry.body["recorded"] as? Bool == false, "\(dry.text)")
            #expect(try await fixture.store.logSize() == size)

            let made = try await client.call(.post, "/assignments", token: city, json: "{}")
            #expect(made.status == 201 && made.body["recorded"] as? Bool == true, "\(made.text)")
            let assignment = try #require((made.body["assignments"] as? [[String: Any]])?.first)
            let team = try #require((assignment["teams"] as? [[String: Any]])?.first)
            #expect(team["case"] as? String == "bs/1" && assignment["rule"] as? String == "city-on-site")
            let experts = (team["seats"] as? [[String: Any]] ?? []).compactMap { $0["expert"] as? String }
            #expect(experts.count == 2)
            let id = try #require(assignment["id"] as? String)

            let auditor = try await client.signIn("auditor-1")
            let verified = try await client.call(.get, "/assignments/\(id)/verification", token: auditor)
            #expect(verified.status == 200 && verified.body["passed"] as? Bool == true, "\(verified.text)")
            #expect(try await client.call(.get, "/assignments/no-such/verification", token: auditor).status == 404)

            let stranger = try await client.call(.post, "/cases/bs%2F1/declines", token: city, json: #"{"expert":"nobody","reason":"因病"}"#)
            #expect(stranger.status == 422, "\(stranger.text)")
            let declined = try await client.call(.post, "/cases/bs%2F1/declines", token: city, json: #"{"expert":"\#(experts[0])","reason":"因病"}"#)
            #expect(declined.status == 201, "\(declined.text)")
            let refilled = try await client.call(.post, "/assignments", token: city, json: "{}")
            let replacement = try #require(((refilled.body["assignments"] as? [[String: Any]])?.first?["teams"] as? [[String: Any]])?.first)
            #expect(replacement["replaces"] as? [String] == [experts[0]], "\(refilled.text)")
            #expect(!((replacement["seats"] as? [[String: Any]]) ?? []).contains { $0["expert"] as? String == experts[0] })
        }
    }

    @Test("only a commission assigns, and only the cases it oversees under the rules of its level; a refusal writes nothing")
    func whoAssigns() async throws {
        let fixture = try await Self.atOnsiteReview()
        try await fixture.test { client in
            let size = try await fixture.store.logSize()
            for account in ["staff@410883-002", "county-expert-1@410883", "auditor-1"] {
                let refused = try await client.call(.post, "/assignments", token: try await client.signIn(account), json: "{}")
                #expect(refused.status == 403 && refused.body["type"] as? String == "/problems/role", "\(account): \(refused.text)")
                let decline = try await client.call(.post, "/cases/bs%2F1/declines", token: try await client.signIn(account), json: #"{"expert":"x","reason":"r"}"#)
                #expect(decline.status == 403, "\(account): \(decline.text)")
            }
            for account in ["commission@410700", "commission@410883"] {
                let none = try await client.call(.post, "/assignments", token: try await client.signIn(account), json: "{}")
                #expect(none.status == 200 && (none.body["assignments"] as? [Any])?.isEmpty == true, "\(account): \(none.text)")
            }
            #expect(try await fixture.store.logSize() == size)
        }
    }

    @Test("the monthly report covers the cases the account sees, as JSON, CSV or HTML; institutions and experts get 403")
    func monthlyReport() async throws {
        let fixture = try await Self.atOnsiteReview()
        try await fixture.test { client in
            let city = try await client.signIn("commission@410800")
            let json = try await client.call(.get, "/reports/monthly", token: city)
            let regions = try #require(json.body["regions"] as? [[String: Any]], "\(json.text)")
            let county = try #require(regions.first { $0["code"] as? String == "410883" })
            #expect(county["institutions"] as? Int == 1 && (county["stages"] as? [String: Int])?["basic-standard/onsite-review"] == 1, "\(json.text)")
            let elsewhere = try await client.call(.get, "/reports/monthly", token: try await client.signIn("commission@410700"))
            #expect((elsewhere.body["regions"] as? [[String: Any]])?.contains { $0["code"] as? String == "410883" } == false, "\(elsewhere.text)")
            let csv = try await client.call(.get, "/reports/monthly?format=csv", token: city)
            #expect(csv.status == 200 && csv.text.contains("410883"))
            let html = try await client.call(.get, "/reports/monthly?format=html&at=2022-03-01", token: city)
            #expect(html.status == 200 && html.text.contains("<svg"), "\(html.text.prefix(200))")
            #expect(try await client.call(.get, "/reports/monthly?at=someday", token: city).status == 400)
            #expect(try await client.call(.get, "/reports/monthly", token: try await client.signIn("staff@410883-002")).status == 403)
        }
    }
}
