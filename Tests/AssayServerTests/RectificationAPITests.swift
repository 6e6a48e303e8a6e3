import AssayCore
import AssayDemo
import AssayTestSupport
import Foundation
import GuidanceGroups
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Rectification, guidance visits and prerequisites through the server")
struct RectificationAPITests {
    /// The fixture's case with a completed round by city-expert-a and city-expert-b that finds
    /// one item not met; the fixture and that item.
    static func caseWithFinding() async throws -> (ServerFixture, ChecklistItem) {
        let fixture = try await ReviewAPITests.caseWithTeam()
        let start = Date(timeIntervalSince1970: 1_646_096_400)
        // A completed round that finds one item not met, recorded through the library.
        let file = try BuiltInData.file(kind: "checklist", id: "community-health-service-centre")
        let checklist = try file.content.decode(as: Checklist.self)
        let type = ServerFixture.institution.type
        let finding = try #require(checklist.items.first { !$0.critical && $0.kind == .yesNo && $0.applies(to: type) })
        let hash = try await fixture.engine.storeDataFile(file, by: DemoCast.cityCommission, at: start).hex
        let experts = ["city-expert-a", "city-expert-b"].map { Actor(id: $0, role: "city-expert", jurisdiction: .region(RegionCode("410800")!)) }
        var records = [PluginRecord(plugin: GuidanceGroups.name, type: "group", by: DemoCast.cityCommission,
                                    value: try RecordValue(encoding: GroupFormed(checklist: hash, members: experts.map(\.id), leader: experts[0].id, reason: nil)))]
        for expert in experts {
            for item in checklist.items where item.applies(to: type) {
                let answer = item.id == finding.id ? DemoReview.answer("no", note: "未建立", for: item) : DemoReview.met(item)
                records.append(PluginRecord(plugin: GuidanceGroups.name, type: "answer", by: expert, value: try RecordValue(encoding: ItemAnswer(item: item.id, answer: answer))))
            }
        }
        try await fixture.engine.record(records, about: "bs/1", at: start)
        return (fixture, finding)
    }

    @Test("the institution plans and reports a shortfall, an expert closes it; others are 403, the rules' refusals 422, and nothing is written for either")
    func rectification() async throws {
        let (fixture, finding) = try await Self.caseWithFinding()
        try await fixture.test { client in
            let staff = try await client.signIn("staff@410883-002"), a = try await client.signIn("city-expert-a")
            let archive = try await client.call(.get, "/cases/bs%2F1/rectification", token: staff)
            let items = try #require(archive.body["items"] as? [[String: Any]])
            #expect(items.count == 1 && items[0]["item"] as? String == finding.id && items[0]["status"] as? String == "no measure planned", "\(archive.text)")

            let size = try await fixture.store.logSize()
            let plan = #"{"item":"\#(finding.id)","measure":"建立台账","responsible":"院长","deadline":"2022-06-30"}"#
            let byExpert = try await client.call(.post, "/cases/bs%2F1/rectification/plans", token: a, json: plan)
            #expect(byExpert.status == 403 && byExpert.body["type"] as? String == "/problems/role")
            let early = try await client.call(.post, "/cases/bs%2F1/rectification/verifications", token: a, json: #"{"item":"\#(finding.id)","note":"已核实"}"#)
            #expect(early.status == 422 && early.body["detail"] as? String == "refused: item \(finding.id) of round 1 has no plan to verify yet", "\(early.text)")
            let unknown = try await client.call(.post, "/cases/bs%2F1/rectification/plans", token: staff, json: #"{"item":"9.9","measure":"m","responsible":"r","deadline":"2022-06-30"}"#)
            #expect(unknown.status == 422 && unknown.body["detail"] as? String == "case bs/1 has no rectification item 9.9; it has: \(finding.id) (round 1)")
            let badDate = try await client.call(.post, "/cases/bs%2F1/rectification/plans", token: staff, json: #"{"item":"\#(finding.id)","measure":"m","responsible":"r","deadline":"2022-02-30"}"#)
            #expect(badDate.status == 400, "\(badDate.text)")
            #expect(try await fixture.store.logSize() == size, "refusals write nothing")

            let planned = try await client.call(.post, "/cases/bs%2F1/rectification/plans", token: staff, json: plan)
            #expect(planned.status == 201 && (planned.body["plan"] as? [String: Any])?["deadline"] as? String == "2022-06-30", "\(planned.text)")
            #expect(try await client.call(.post, "/cases/bs%2F1/rectification/progress", token: staff, json: #"{"item":"\#(finding.id)","note":"台账已建立"}"#).status == 201)
            #expect(try await client.call(.post, "/cases/bs%2F1/rectification/verifications", token: staff, json: #"{"item":"\#(finding.id)","note":"自查"}"#).status == 403)
            let closed = try await client.call(.post, "/cases/bs%2F1/rectification/verifications", token: a, json: #"{"item":"\#(finding.id)","note":"抽查台账，已整改"}"#)
            #expect(closed.status == 201 && closed.body["closed"] as? Bool == true && (closed.body["verified"] as? [String: Any])?["by"] as? String == "city-expert-a", "\(closed.text)")
            let again = try await client.call(.post, "/cases/bs%2F1/rectification/verifications", token: a, json: #"{"item":"\#(finding.id)","note":"再次"}"#)
            #expect(again.status == 422 && again.body["detail"] as? String == "refused: item \(finding.id) of round 1 is already closed")
            #expect(try await fixture.store.logSize() == size + 3)
        }
    }

    @Test("an expert or commission over the institution records a guidance visit; one from another county or the institution itself may not")
    func guidanceVisits() async throws {
        let fixture = try await ReviewAPITests.caseWithTeam()
        try await fixture.test { client in
            let visit = #"{"unit":"孟州市人民医院","helper":"lead-unit","topics":"院感防控","note":"指导建立制度"}"#
            #expect(try await client.call(.post, "/institutions/410883-002/guidance", token: try await client.signIn("county-expert-1@410882"), json: visit).status == 403)
            #expect(try await client.call(.post, "/institutions/410883-002/guidance", token: try await client.signIn("staff@410883-002"), json: visit).status == 403)
            let expert = try await client.signIn("city-expert-a")
            #expect(try await client.call(.post, "/institutions/410883-002/guidance", token: expert, json: visit).status == 201)
            let archive = try await client.call(.get, "/cases/bs%2F1/rectification", token: expert)
            let visits = try #require(archive.body["guidance"] as? [[String: Any]])
            #expect(visits.count == 1 && visits[0]["by"] as? String == "city-expert-a" && (visits[0]["visit"] as? [String: Any])?["unit"] as? String == "孟州市人民医院")
        }
    }

    @Test("only the institution reports its figures, each a named figure; the answer is the check the guard makes")
    func figures() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let staff = try await client.signIn("staff@410883-002")
            let before = try await client.call(.get, "/cases/bs%2F1/prerequisites", token: staff)
            #expect(before.status == 200 && before.body["met"] as? Bool == false, "\(before.text)")
            let size = try await fixture.store.logSize()
            #expect(try await client.call(.post, "/cases/bs%2F1/prerequisites", token: try await client.signIn("county-expert-1@410883"), json: #"{"figures":{"annual-visits":61200}}"#).status == 403)
            let unknown = try await client.call(.post, "/cases/bs%2F1/prerequisites", token: staff, json: #"{"figures":{"visits":61200}}"#)
            #expect(unknown.status == 400 && (unknown.body["detail"] as? String)?.hasPrefix("'visits' is not a figure; figures: ") == true, "\(unknown.text)")
            #expect(try await fixture.store.logSize() == size)
            let reported = try await client.call(.post, "/cases/bs%2F1/prerequisites", token: staff, json: #"{"figures":{"annual-visits":61200}}"#)
            #expect(reported.status == 201, "\(reported.text)")
            let conditions = try #require(reported.body["conditions"] as? [String])
            #expect(conditions.contains { $0.contains("61,200") || $0.contains("61200") }, "\(conditions)")
            let guidance = try #require(try await fixture.engine.currentPluginStates().state(of: GuidanceGroups.self))
            #expect(guidance.figures["bs/1"] == ["annual-visits": 61_200])
        }
    }
}
