import Accounts
import AssayCore
import AssayDemo
import AssayHistory
import AssayTestSupport
import Foundation
import GuidanceGroups
import Hummingbird
import HummingbirdTesting
import IntegrityRecords
import Testing

/// Every operation × every role × inside or outside the jurisdiction (and assigned or not,
/// conflicted or not), as a table of expected statuses; every denial writes nothing: the log's
/// size and root hash are as they were.
@Suite("Who may do what through the server")
struct AccessMatrixTests {
    /// The accounts of the matrix besides the fixture's: a conflicted county expert inside the
    /// county, the county commission, and two city experts (one assigned to the on-site review).
    static let more: [(id: String, role: String, for: String)] = [
        ("county-expert-2@410883", "county-expert", "region:410883"),
        ("commission@410883", "county-coordinator", "region:410883"),
        ("city-expert-a", "city-expert", "region:410800"),
        ("city-expert-c", "city-expert", "region:410800"),
    ]

    /// One cell: who, what, and the status expected.
    struct Cell {
        var account: String
        var method: HTTPRequest.Method
        var path: String
        var json: String?
        var status: Int
        var problem: String? = nil
    }

    static func read(_ account: String, _ status: Int) -> [Cell] {
        let wholeLog = ["auditor-1", "operator-1"].contains(account) ? 200 : 403
        return [Cell(account: account, method: .get, path: "/cases/bs%2F1", status: status),
                Cell(account: account, method: .get, path: "/cases/bs%2F1/history", status: status),
                Cell(account: account, method: .get, path: "/cases/bs%2F1/replay", status: status),
                Cell(account: account, method: .get, path: "/cases/bs%2F1/rectification", status: status),
                Cell(account: account, method: .get, path: "/cases", status: 200),
                Cell(account: account, method: .get, path: "/log", status: 200),
                Cell(account: account, method: .get, path: "/log/verify", status: wholeLog),
                Cell(account: account, method: .get, path: "/log/replay", status: wholeLog),
                Cell(account: account, method: .get, path: "/log/export", status: wholeLog),
                Cell(account: account, method: .post, path: "/tick", status: account == "operator-1" ? 200 : 403)]
    }

    static func take(_ account: String, _ action: String, _ inputs: String, version: Int, _ status: Int, _ problem: String? = nil) -> Cell {
        Cell(account: account, method: .post, path: "/cases/bs%2F1/actions/\(action)", json: #"{"expectedVersion":\#(version),"inputs":\#(inputs)}"#,
             status: status, problem: problem)
    }

    @Test("the access matrix, at the initial review and at the on-site review")
    func matrix() async throws {
        let fixture = try await ServerFixture()
        let by = Actor(id: "operator", role: AccountRole.operatorRole, jurisdiction: .system)
        let start = Date(timeIntervalSince1970: 1_646_096_400)
        for account in Self.more {
            try await fixture.administration.grant(account.id, role: account.role, for: account.for, password: "password-of-\(account.id)", by: by, at: start)
        }
        // The second county expert declared a conflict of interest with the institution.
        let conflicted = DemoCast.countyExpert(RegionCode("410883")!, 2)
        try await fixture.engine.storeDataFile(try BuiltInIntegrityRules.file(), by: by, at: start)
        try await fixture.engine.record(PluginRecord(plugin: IntegrityRecords.name, type: "expert-record", by: conflicted, value: try RecordValue(encoding:
            IntegrityRecord(id: "C-1", kind: .conflict, description: "亲属在该院任职。", date: "2022-03-01", institution: "410883-002"))),
            about: Subject(kind: "expert", id: conflicted.id), at: start)
        try await fixture.engine.take("submit", on: "bs/1", by: DemoCast.institution(ServerFixture.institution), inputs: ["self-assessment": "s"], at: start)

        let pass = #"{"decision":"pass"}"#
        // The plugins' writes: who may not is a 403 naming the rule, what the rules refuse a 422.
        let plan = #"{"item":"1.1","measure":"m","responsible":"r","deadline":"2022-06-30"}"#, verification = #"{"item":"1.1","note":"n"}"#
        let figures = #"{"figures":{"annual-visits":61200}}"#, draw = #"{"id":"matrix","targets":1}"#
        let visit = #"{"unit":"孟州市人民医院","helper":"lead-unit","topics":"t","note":"n"}"#
        let directory = try CoordinatorFilesAPITests.directoryJSON(CoordinatorFilesAPITests.withNewInstitution)
        func post(_ account: String, _ path: String, _ json: String, _ status: Int, _ problem: String) -> Cell {
            Cell(account: account, method: .post, path: path, json: json, status: status, problem: problem)
        }
        let plugins: [Cell] = [
            post("staff@410883-002", "/cases/bs%2F1/rectification/plans", plan, 422, "/problems/refused"),
            post("staff@410882-001", "/cases/bs%2F1/rectification/plans", plan, 403, "/problems/jurisdiction"),
            post("county-expert-1@410883", "/cases/bs%2F1/rectification/plans", plan, 403, "/problems/role"),
            post("auditor-1", "/cases/bs%2F1/rectification/plans", plan, 403, "/problems/role"),
            post("county-expert-1@410883", "/cases/bs%2F1/rectification/verifications", verification, 422, "/problems/refused"),
            post("county-expert-1@410882", "/cases/bs%2F1/rectification/verifications", verification, 403, "/problems/jurisdiction"),
            post("staff@410883-002", "/cases/bs%2F1/rectification/verifications", verification, 403, "/problems/role"),
            post("commission@410883", "/cases/bs%2F1/prerequisites", figures, 403, "/problems/role"),
            post("county-expert-1@410883", "/cases/bs%2F1/prerequisites", figures, 403, "/problems/role"),
            post("staff@410882-001", "/cases/bs%2F1/prerequisites", figures, 403, "/problems/jurisdiction"),
            post("operator-1", "/cases/bs%2F1/prerequisites", figures, 403, "/problems/role"),
            post("staff@410883-002", "/institutions/410883-002/guidance", visit, 403, "/problems/role"),
            post("county-expert-1@410882", "/institutions/410883-002/guidance", visit, 403, "/problems/jurisdiction"),
            post("auditor-1", "/institutions/410883-002/guidance", visit, 403, "/problems/role"),
            post("county-expert-1@410883", "/draws", draw, 403, "/problems/role"),
            post("staff@410883-002", "/draws", draw, 403, "/problems/role"),
            post("auditor-1", "/draws", draw, 403, "/problems/role"),
            post("county-expert-1@410883", "/directories", directory, 403, "/problems/role"),
            post("commission@410883", "/directories", directory, 403, "/problems/jurisdiction"),
        ]
        let initial: [Cell] = plugins + [
            "staff@410883-002", "staff@410882-001", "county-expert-1@410883", "county-expert-1@410882", "county-expert-2@410883",
            "commission@410883", "auditor-1", "operator-1",
        ].flatMap { Self.read($0, ["staff@410882-001", "county-expert-1@410882"].contains($0) ? 403 : 200) } + [
            Self.take("staff@410883-002", "initial-pass", pass, version: 2, 403, "/problems/role"),
            Self.take("staff@410882-001", "initial-pass", pass, version: 2, 403, "/problems/jurisdiction"),
            Self.take("county-expert-1@410882", "initial-pass", pass, version: 2, 403, "/problems/jurisdiction"),
            Self.take("county-expert-2@410883", "initial-pass", pass, version: 2, 403, "/problems/reviewer-eligible"),
            Self.take("commission@410883", "initial-pass", pass, version: 2, 403, "/problems/role"),
            Self.take("auditor-1", "initial-pass", pass, version: 2, 403, "/problems/role"),
            Self.take("operator-1", "initial-pass", pass, version: 2, 403, "/problems/role"),
            Self.take("county-expert-1@410883", "initial-pass", pass, version: 1, 409, "/problems/stale-version"),
            Self.take("county-expert-1@410883", "initial-pass", #"{"decision":"fail"}"#, version: 2, 422, "/problems/refused"),
            Self.take("county-expert-1@410883", "initial-pass", pass, version: 2, 200),
            Self.take("county-expert-1@410883", "refer-to-city", "{}", version: 3, 403, "/problems/role"),
            Self.take("commission@410883", "refer-to-city", "{}", version: 3, 200),
        ]
        try await run(initial, on: fixture)

        // At the on-site review the team is assigned and its group has scored the checklist.
        let state = try await fixture.engine.state(of: "bs/1")
        let leader = Actor(id: "city-expert-a", role: "city-expert", jurisdiction: .region(RegionCode("410800")!))
        let definition = try fixture.engine.transition(for: state).definition
        try await ChecklistReviews.review(state, stage: try #require(definition.stages["onsite-review"]), meeting: true, ledBy: leader,
                                          engine: fixture.engine, at: start.addingTimeInterval(86_400))
        let version = try await fixture.engine.state(of: "bs/1").version
        let onsite: [Cell] = [
            Self.take("city-expert-c", "onsite-pass", "{}", version: version, 403, "/problems/assigned-reviewer"),
            Self.take("county-expert-1@410883", "onsite-pass", "{}", version: version, 403, "/problems/role"),
            Self.take("auditor-1", "onsite-pass", "{}", version: version, 403, "/problems/role"),
            Self.take("city-expert-a", "onsite-pass", "{}", version: version, 200),
        ]
        try await run(onsite, on: fixture)
    }

    /// Plays the cells in order; a denial leaves the log's size and root hash as they were.
    private func run(_ cells: [Cell], on fixture: ServerFixture) async throws {
        try await fixture.test { client in
            var tokens: [String: String] = [:]
            for cell in cells {
                if tokens[cell.account] == nil { tokens[cell.account] = try await client.signIn(cell.account) }
                let before = try await LogVerifier(store: fixture.store).run()
                let response = try await client.call(cell.method, cell.path, token: tokens[cell.account], json: cell.json)
                #expect(response.status == cell.status, "\(cell.account) \(cell.method) \(cell.path): \(response.text)")
                if let problem = cell.problem { #expect(response.body["type"] as? String == problem, "\(cell.account) \(cell.path): \(response.text)") }
                if cell.status >= 400 {
                    let after = try await LogVerifier(store: fixture.store).run()
                    #expect(after.events == before.events && after.rootHash == before.rootHash && after.problems.isEmpty, "\(cell.account) \(cell.path) wrote")
                }
            }
        }
    }
}
