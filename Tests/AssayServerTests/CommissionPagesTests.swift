import AssayCore
import AssayServer
import Foundation
import GuidanceGroups
import Hummingbird
import HummingbirdTesting
import Testing

/// The commissions' and the institution's forms on the pages, each a call of the API's
/// operation: its refusal shown in its words, nothing written on a refusal.
@Suite("The commissions' and the institution's pages")
struct CommissionPagesTests {
    @Test("a registration CSV pasted into the page is audited with its problems by row and column; recorded only when every row is readable")
    func registrationAudit() async throws {
        let fixture = try await IntegrityAPITests.fixture()
        try await fixture.test { client in
            var browser = PageBrowser()
            try await browser.signIn("commission@410800", client)
            let page = try await browser.get("/app/registration", client)
            let csrf = try PageBrowser.csrf(in: page.text)
            let size = try await fixture.store.logSize()
            let checked = try await browser.post("/app/registration", [("_csrf", csrf), ("csv", try RegistrationAPITests.csv(legalPerson: "no"))], client)
            #expect(checked.status == 200 && checked.text.contains("<td>3</td><td>410883-001</td><td><div class=\"not-met\">legal-person:"), "\(checked.text)")
            let unreadable = try await browser.post("/app/registration", [("_csrf", csrf), ("record", "1"), ("csv", try RegistrationAPITests.csv(legalPerson: "perhaps"))], client)
            #expect(unreadable.status == 422)
            #expect(try await fixture.store.logSize() == size, "checking and a refused record write nothing")
            let recorded = try await browser.post("/app/registration", [("_csrf", csrf), ("record", "1"), ("csv", try RegistrationAPITests.csv(legalPerson: "no"))], client)
            #expect(recorded.status == 200 && recorded.text.contains("已全部记录"), "\(recorded.text)")
            #expect(try await fixture.store.logSize() > size)
        }
    }

    @Test("a commission records an integrity record on the page and sees it listed; an institution's attempt is the 403 page and writes nothing")
    func integrityRecords() async throws {
        let fixture = try await IntegrityAPITests.fixture()
        try await fixture.test { client in
            var institution = PageBrowser()
            try await institution.signIn("staff@410883-002", client)
            let form = [("subject", "expert:county-expert-1@410883"), ("id", "C-2022-001"), ("kind", "conflict"), ("description", "亲属在该院任职"),
                        ("date", "2022-03-05"), ("institution", "410883-002")]
            let size = try await fixture.store.logSize()
            let refused = try await institution.post("/app/integrity", [("_csrf", try PageBrowser.csrf(in: try await institution.get("/app/integrity", client).text))] + form, client)
            #expect(refused.status == 403, "\(refused.text)")
            #expect(try await fixture.store.logSize() == size)
            var commission = PageBrowser()
            try await commission.signIn("commission@410800", client)
            let page = try await commission.get("/app/integrity", client)
            let done = try await commission.post("/app/integrity", [("_csrf", try PageBrowser.csrf(in: page.text))] + form, client)
            #expect(done.status == 303, "\(done.text)")
            let listed = try await commission.get("/app/integrity", client)
            #expect(listed.text.contains("<td>expert:county-expert-1@410883</td><td>C-2022-001</td><td>conflict</td>"), "\(listed.text)")
        }
    }

    @Test("a commission forms the expert group round the assigned team on the case page; a group without the team is refused in the rules' words")
    func formGroup() async throws {
        let fixture = try await ReviewAPITests.caseWithTeam()
        try await fixture.test { client in
            var commission = PageBrowser()
            try await commission.signIn("commission@410800", client)
            let page = try await commission.get("/app/cases/bs%2F1", client)
            #expect(page.text.contains(#"<option value="community-health-service-centre">"#) && page.text.contains(#"name="members" value="city-expert-b" checked"#), "\(page.text)")
            let csrf = try PageBrowser.csrf(in: page.text)
            let withoutTeam = try await commission.post("/app/cases/bs%2F1/groups", [("_csrf", csrf), ("checklist", "community-health-service-centre"),
                                                                                      ("leader", "city-expert-a"), ("members", "city-expert-c")], client)
            #expect(withoutTeam.status == 422 && withoutTeam.text.contains("it leaves out city-expert-b"), "\(withoutTeam.text)")
            let formed = try await commission.post("/app/cases/bs%2F1/groups", [("_csrf", csrf), ("checklist", "community-health-service-centre"),
                                                                                 ("leader", "city-expert-a"), ("members", "city-expert-a"), ("members", "city-expert-b")], client)
            #expect(formed.status == 303, "\(formed.text)")
            let guidance = try await fixture.engine.currentPluginStates().state(of: GuidanceGroups.self)
            #expect(guidance?.currentRound(of: "bs/1")?.group.members == ["city-expert-a", "city-expert-b"])
        }
    }

    @Test("a commission announces a draw on the page; running it before a checkpoint covers the announcement is refused, and the draw's page shows it unrun")
    func draw() async throws {
        let fixture = try await IntegrityAPITests.fixture()
        try await fixture.test { client in
            var commission = PageBrowser()
            try await commission.signIn("commission@410800", client)
            let page = try await commission.get("/app/draws", client)
            let csrf = try PageBrowser.csrf(in: page.text)
            let announced = try await commission.post("/app/draws", [("_csrf", csrf), ("id", "2022-Q1-410800"), ("targets", "2"), ("inspectors", "2")], client)
            #expect(announced.status == 303 && announced.response.headers[.location] == "/app/draws/2022-Q1-410800", "\(announced.text)")
            let shown = try await commission.get("/app/draws/2022-Q1-410800", client)
            #expect(shown.status == 200 && shown.text.contains("2 × 2 · 4108") && shown.text.contains("/app/draws/2022-Q1-410800/run"), "\(shown.text)")
            let early = try await commission.post("/app/draws/2022-Q1-410800/run", [("_csrf", csrf)], client)
            #expect(early.status == 422 && early.text.contains("checkpoint"), "\(early.text)")
        }
    }

    @Test("the institution plans a shortfall and reports progress on its case page, an expert verifies it there; the page shows each step")
    func rectification() async throws {
        let (fixture, finding) = try await RectificationAPITests.caseWithFinding()
        try await fixture.test { client in
            var staff = PageBrowser()
            try await staff.signIn("staff@410883-002", client)
            let page = try await staff.get("/app/cases/bs%2F1", client)
            #expect(page.text.contains("no measure planned") && page.text.contains("/rectification/plans"), "\(page.text)")
            let csrf = try PageBrowser.csrf(in: page.text)
            let planned = try await staff.post("/app/cases/bs%2F1/rectification/plans", [("_csrf", csrf), ("item", finding.id), ("round", "1"), ("measure", "建立台账"),
                                                                                           ("responsible", "院长"), ("deadline", "2022-06-30")], client)
            #expect(planned.status == 303, "\(planned.text)")
            _ = try await staff.post("/app/cases/bs%2F1/rectification/progress", [("_csrf", csrf), ("item", finding.id), ("round", "1"), ("note", "台账已建立")], client)
            let progressed = try await staff.get("/app/cases/bs%2F1", client)
            #expect(progressed.text.contains("planned, due 2022-06-30") && progressed.text.contains("staff@410883-002: 台账已建立"), "\(progressed.text)")

            var expert = PageBrowser()
            try await expert.signIn("city-expert-a", client)
            let seen = try await expert.get("/app/cases/bs%2F1", client)
            let verified = try await expert.post("/app/cases/bs%2F1/rectification/verifications", [("_csrf", try PageBrowser.csrf(in: seen.text)), ("item", finding.id),
                                                                                                   ("round", "1"), ("note", "抽查台账，已整改")], client)
            #expect(verified.status == 303, "\(verified.text)")
            #expect(try await staff.get("/app/cases/bs%2F1", client).text.contains("closed by city-expert-a"))
        }
    }
}
