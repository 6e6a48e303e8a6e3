import AssayCore
import AssayDemo
import AssayTestSupport
import Coordinators
import Foundation
import Testing

@Suite("The monthly report")
struct MonthlyReportTests {
    /// The demonstration, run into an in-memory store.
    static func demo() async throws -> (InMemoryEventStore, Engine, PluginHost) {
        let store = InMemoryEventStore()
        let host = try ChecklistReviews.host()
        let engine = Engine(library: FlowLibrary(try DefinitionLoader().loadAll([Repository.workflows]).map(\.definition)), plugins: host, store: store)
        _ = try await DemoScenario(engine: engine).run()
        return (store, engine, host)
    }

    static func report(_ arguments: [String], engine: Engine, host: PluginHost) async throws -> String {
        let command = try #require(host.command(named: "report"))
        return try await command.run(PluginCommand.Context(arguments: arguments, host: host) { _ in engine })
    }

    /// Per county, the institutions whose case of `flow` stood at `stage` at `moment`, counted
    /// straight from the events: each case's last action at or before the moment.
    static func independentCount(_ store: InMemoryEventStore, flow: String, stage: String, at moment: Timestamp) throws -> [String: Set<String>] {
        var flowOf: [CaseID: (flow: String, institution: Institution)] = [:]
        var stageOf: [CaseID: String] = [:]
        for entry in store.entries(from: 1, limit: .max) {
            let event = try Event(canonical: entry.body)
            guard event.at <= moment else { continue }
            switch event.body {
            case .opened(let opened):
                flowOf[event.subject] = (opened.flowID, opened.institution)
                stageOf[event.subject] = opened.stage
            case .actionTaken(let taken):
                stageOf[event.subject] = taken.to
            case .recorded:
                break
            }
        }
        var counts: [String: Set<String>] = [:]
        for (id, entry) in flowOf where entry.flow == flow && stageOf[id] == stage {
            counts[entry.institution.region.code, default: []].insert(entry.institution.id)
        }
        return counts
    }

    struct Figures: Decodable, Equatable {
        var code: String
        var level: String
        var institutions: Int
        var basic: Int
        var recommended: Int
        var communityHospitals: Int
        var overdue: Int
        var notYetBasic: [String]
    }

    struct Report: Decodable {
        var regions: [Figures]
    }

    @Test("figures equal counts taken independently from the events, now and as of a past day")
    func figuresFromEvents() async throws {
        let (store, engine, host) = try await Self.demo()
        for day in ["2022-03-15", "2022-06-30", "2023-03-01"] {
            let json = try await Self.report(["--at", day, "--format", "json"], engine: engine, host: host)
            let report = try JSONDecoder().decode(Report.self, from: Data(json.utf8))
            var moment = DateComponents()
            moment.year = Int(day.prefix(4)); moment.month = Int(day.dropFirst(5).prefix(2)); moment.day = Int(day.suffix(2))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
            let end = Timestamp(milliseconds: Timestamp(calendar.date(from: moment)!).milliseconds + 86_400_000 - 1)
            let basic = try Self.independentCount(store, flow: "basic-standard", stage: "achieved", at: end)
            let recommended = try Self.independentCount(store, flow: "recommended-standard", stage: "achieved", at: end)
            let hospitals = try Self.independentCount(store, flow: "community-hospital", stage: "accredited", at: end)
            for county in report.regions where county.level == "county" {
                #expect(county.basic == basic[county.code, default: []].count, "\(day) \(county.code)")
                #expect(county.recommended == recommended[county.code, default: []].count, "\(day) \(county.code)")
                #expect(county.communityHospitals == hospitals[county.code, default: []].count, "\(day) \(county.code)")
                #expect(county.notYetBasic.count == county.institutions - county.basic)
            }
            let city = try #require(report.regions.first { $0.code == "410800" })
            #expect(city.basic == basic.values.map(\.count).reduce(0, +))
            #expect(city.institutions == report.regions.filter { $0.level == "county" }.map(\.institutions).reduce(0, +))
            // One county's report reads its cases only: its figures are the whole report's for it.
            let county = try JSONDecoder().decode(Report.self, from: Data(try await Self.report(["--at", day, "--region", "410882", "--format", "json"],
                                                                                              engine: engine, host: host).utf8))
            #expect(county.regions.filter { $0.level == "county" }.map(\.code) == ["410882"])
            #expect(county.regions.first { $0.code == "410882" } == report.regions.first { $0.code == "410882" })
        }
        // The end of the campaign: attachment 1's 28 and the two recommended applicants, all but
        // 焦西 (not achieved) at basic standard; a quarter past the start, none yet.
        let end = try JSONDecoder().decode(Report.self, from: Data(try await Self.report(["--at", "2023-03-01", "--format", "json"], engine: engine, host: host).utf8))
        #expect(try #require(end.regions.first { $0.code == "410800" }).basic == 27)
        #expect(try #require(end.regions.first { $0.code == "410802" }).notYetBasic == ["焦西社区卫生服务中心 (410802-001)"])
    }

    @Test("text, CSV and a self-contained HTML page with SVG bars against the target lines")
    func formats() async throws {
        let (_, engine, host) = try await Self.demo()
        let text = try await Self.report(["--at", "2022-06-30"], engine: engine, host: host)
        #expect(text.hasPrefix("monthly report as of "))
        #expect(text.contains("410800 焦作市 (city)"))
        #expect(text.contains("institutions not yet at basic standard: "))
        let csv = try await Self.report(["--at", "2022-06-30", "--format", "csv"], engine: engine, host: host)
        #expect(csv.split(separator: "\n").first == "code,name,level,institutions,basic,recommended,community_hospitals,overdue,basic_share,recommended_share,not_yet_basic")
        let rows = csv.split(separator: "\n").count
        // A header, the ten counties with cases, the city and the province.
        #expect(rows == 13)
        let html = try await Self.report(["--at", "2022-06-30", "--format", "html"], engine: engine, host: host)
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(html.contains("stroke-dasharray=\"6 4\""))
        #expect(!html.contains("<script"))
        await #expect(throws: PluginUsageError.self) { try await Self.report(["--at", "June"], engine: engine, host: host) }
    }
}
