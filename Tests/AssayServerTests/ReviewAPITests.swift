import Accounts
import AssayCore
import AssayHistory
import AssayTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Expert groups through the server")
struct ReviewAPITests {
    /// The fixture's case at the on-site review with city-expert-a and city-expert-b assigned,
    /// and the accounts of the city commission and three city experts.
    static func caseWithTeam() async throws -> ServerFixture {
        let fixture = try await ServerFixture()
        let by = Actor(id: "operator", role: AccountRole.operatorRole, jurisdiction: .system)
        let start = Date(timeIntervalSince1970: 1_646_096_400)
        for (id, role, region) in [("commission@410800", "city-coordinator", "410800"), ("city-expert-a", "city-expert", "410800"),
                                   ("city-expert-b", "city-expert", "410800"), ("city-expert-c", "city-expert", "410800")] {
            try await fixture.administration.grant(id, role: role, for: "region:\(region)", password: "password-of-\(id)", by: by, at: start)
        }
        let state = try await fixture.referToOnsiteReview(at: start)
        try await ChecklistReviews.assign(["city-expert-a", "city-expert-b"], to: state, engine: fixture.engine, at: start)
        return fixture
    }

    @Test("thirty-two answers sent at once on one case are all recorded: none is refused for another's write, none is a 5xx, and the log verifies")
    func concurrentAnswers() async throws {
        let fixture = try await Self.caseWithTeam()
        try await fixture.test { client in
            let commission = try await client.signIn("commission@410800")
            let formed = try await client.call(.post, "/cases/bs%2F1/groups", token: commission,
                                               json: #"{"checklist":"community-health-service-centre","leader":"city-expert-a","members":["city-expert-b"]}"#)
            #expect(formed.status == 201)
            let tokens = [try await client.signIn("city-expert-a"), try await client.signIn("city-expert-b")]
            let size = try await fixture.store.logSize()
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for number in 0..<32 {
                    group.addTask {
                        try await client.call(.post, "/cases/bs%2F1/answers", token: tokens[number % 2], json: #"{"item":"2.8","value":"\#(number % 3 == 0 ? "A" : "B")"}"#).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 201, count: 32), "\(statuses)")
            #expect(try await fixture.store.logSize() == size + 32)
        }
        let report = try await LogVerifier(store: fixture.store).run()
        #expect(report.isValid, "\(report.problems)")
    }

    @Test("a commission forms the group round the assigned team; members answer, the leader resolves a disagreement; the rules' refusals are 422 in their words")
    func groupReview() async throws {
        let fixture = try await Self.caseWithTeam()
        try await fixture.test { client in
            let commission = try await client.signIn("commission@410800")
            let expert = try await client.signIn("county-expert-1@410883")
            let form = #"{"checklist":"community-health-service-centre","leader":"city-expert-a","members":["city-expert-b"]}"#
            let notCommission = try await client.call(.post, "/cases/bs%2F1/groups", token: expert, json: form)
            #expect(notCommission.status == 403 && notCommission.body["type"] as? String == "/problems/role")
            let withoutTeam = try await client.call(.post, "/cases/bs%2F1/groups", token: commission,
                                                    json: #"{"checklist":"community-health-service-centre","leader":"city-expert-a","members":["city-expert-c"]}"#)
            #expect(withoutTeam.status == 422)
            #expect(withoutTeam.body["detail"] as? String == "refused: the group of case bs/1 must include the team assigned to it (assignment test-bs/1); it leaves out city-expert-b")
            let formed = try await client.call(.post, "/cases/bs%2F1/groups", token: commission, json: form)
            #expect(formed.status == 201 && formed.body["round"] as? Int == 1 && formed.body["members"] as? [String] == ["city-expert-a", "city-expert-b"], "\(formed.text)")

            let a = try await client.signIn("city-expert-a"), b = try await client.signIn("city-expert-b"), c = try await client.signIn("city-expert-c")
            let answered = try await client.call(.post, "/cases/bs%2F1/answers", token: a, json: #"{"item":"2.8","value":"A"}"#)
            #expect(answered.status == 201 && answered.body["met"] as? Bool == true && answered.body["by"] as? String == "city-expert-a", "\(answered.text)")
            #expect(try await client.call(.post, "/cases/bs%2F1/answers", token: b, json: #"{"item":"2.8","value":"C","note":"分级护理记录不全"}"#).status == 201)
            let outsider = try await client.call(.post, "/cases/bs%2F1/answers", token: c, json: #"{"item":"2.8","value":"A"}"#)
            #expect(outsider.status == 422 && (outsider.body["detail"] as? String)?.contains("city-expert-c is not in the group of case bs/1") == true, "\(outsider.text)")
            let unresolved = try await client.call(.get, "/cases/bs%2F1/review", token: commission)
            #expect(unresolved.status == 200 && unresolved.body["complete"] as? Bool == false)
            #expect((unresolved.body["unresolved"] as? [String])?.first?.hasPrefix("2.8: A by city-expert-a, C by city-expert-b") == true, "\(unresolved.text)")
            let notLeader = try await client.call(.post, "/cases/bs%2F1/resolutions", token: b, json: #"{"item":"2.8","value":"B","reason":"r"}"#)
            #expect(notLeader.status == 422 && notLeader.body["detail"] as? String == "refused: only the group's leader, city-expert-a, resolves a disagreement")
            #expect(try await client.call(.post, "/cases/bs%2F1/resolutions", token: a, json: #"{"item":"2.8","value":"B","reason":"抽查病区分级护理总体落实"}"#).status == 201)
            let resolved = try await client.call(.get, "/cases/bs%2F1/review", token: expert)
            #expect((resolved.body["unresolved"] as? [String])?.isEmpty == true)
            #expect((resolved.body["tiers"] as? [[String: Any]])?.map { $0["tier"] as? String } == ["basic", "recommended"])
            #expect((resolved.body["report"] as? String)?.contains("2.8: A by city-expert-a, C by city-expert-b → B (city-expert-a: 抽查病区分级护理总体落实)") == true)
        }
    }
}
