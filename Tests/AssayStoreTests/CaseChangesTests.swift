import AssayCore
import AssayDemo
import AssayTestSupport
import Coordinators
import Foundation
import Testing

/// The report and the case listing read the cases' openings and actions through the store's
/// indexes, with no plugin's records or only the ones they name: the stages and teams they fold
/// must be the ones the whole history gives.
@Suite("Case changes")
struct CaseChangesTests {
    /// What a case's stage, path and time in it are; the version counts records, so it is left out.
    static func standing(_ state: CaseState) -> String {
        "\(state.id) \(state.flowID) \(state.stage) \(state.enteredStageAt.milliseconds) \(state.path.joined(separator: ">"))"
    }

    /// Each case as its whole history stands at `moment`: every event until the first action
    /// taken after it, folded one by one.
    static func expected(_ store: any EventStore, at moment: Timestamp, inside region: RegionCode?) async throws -> [String] {
        var standings: [String] = []
        for id in try await store.caseIDs() {
            let events = try await store.events(of: id)
            guard case .opened(let opened)? = events.first?.body, events[0].at <= moment,
                  region?.contains(opened.institution.region) ?? true else { continue }
            let until = events.firstIndex { event in
                if case .actionTaken = event.body { event.at > moment } else { false }
            } ?? events.count
            standings.append(Self.standing(try #require(try CaseState(replaying: Array(events[..<until])))))
        }
        return standings
    }

    @Test("the cases at a moment, of the nation or of a region, are what folding each whole history gives",
          arguments: StoreKind.allCases.filter(\.isAvailable))
    func changesFoldToTheWholeHistorysStages(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        let directory = NationalDirectory(institutions: 60, provinces: 3, divisions: NationalCampaignTests.divisions, seed: 11)
        _ = try await NationalCampaignTests.campaign(directory, seed: 11, into: fixture.store)
        let province = try #require(directory.counties.first?.province)
        let moments = [120.0, 200, 400].map { Timestamp(DemoScenario.start.addingTimeInterval($0 * 86_400)) }
        var compared = 0
        for moment in moments {
            for region in [nil, province] {
                let read = try await CasesAt.read(fixture.store, at: moment, inside: region).map(Self.standing)
                #expect(read == (try await Self.expected(fixture.store, at: moment, inside: region)), "at \(moment), region \(region?.code ?? "-")")
                compared += read.count
            }
        }
        #expect(compared > 100)
        // A store without the indexes scans the log for the same changes.
        let scanned = try await fixture.store.scanningForCaseChanges(inside: province, withRecordsOf: [])
        #expect(try await fixture.store.caseChanges(inside: province) == scanned)
        #expect(scanned.allSatisfy { if case .recorded = $0.body { false } else { true } })
        let withTeams = try await fixture.store.scanningForCaseChanges(inside: province, withRecordsOf: [Coordinators.name])
        #expect(try await fixture.store.caseChanges(inside: province, withRecordsOf: [Coordinators.name]) == withTeams)
        #expect(withTeams.count > scanned.count, "the coordinators' records about the cases come with them")

        // A listing (case list) folds the same cases, versions included, and the same teams as
        // the whole log gives.
        let library = FlowLibrary(try DefinitionLoader().loadAll([Repository.workflows]).map(\.definition))
        let engine = Engine(library: library, plugins: try ChecklistReviews.host(), store: fixture.store)
        let whole = try await engine.currentPluginStates().state(of: Coordinators.self)
        for region in [nil, province] {
            let (cases, plugins) = try await engine.caseListing(inside: region, withPlugins: [Coordinators.name])
            let expected = try await engine.cases().filter { region?.contains($0.institution.region) ?? true }
            #expect(cases == expected, "region \(region?.code ?? "-")")
            // Each case's last team, acting now or not (the campaign's year ends with every review done).
            let teams = cases.map { plugins.state(of: Coordinators.self)?.teams[$0.id] }
            #expect(teams == expected.map { whole?.teams[$0.id] })
            #expect(teams.contains { $0 != nil })
            #expect(cases.map { plugins.state(of: Coordinators.self)?.team(of: $0) } == expected.map { whole?.team(of: $0) })

            // Listed by the stage each case stands in now, through the index the appends keep:
            // the same cases, with the same teams, as the whole listing filtered by stage.
            let standing = Set(expected.map(\.stage))
            #expect(standing.count >= 2, "the campaign leaves cases in \(standing)")
            for stages in standing.map({ [$0] }) + [standing, ["application"]] {
                let (atStages, teams) = try await engine.caseListing(inside: region, atStages: stages, withPlugins: [Coordinators.name])
                #expect(atStages == expected.filter { stages.contains($0.stage) }, "region \(region?.code ?? "-"), stages \(stages)")
                #expect(atStages.map { teams.state(of: Coordinators.self)?.teams[$0.id] } == atStages.map { whole?.teams[$0.id] })
                let scannedAt = try await fixture.store.scanningForCaseChanges(inside: region, atStages: stages, withRecordsOf: [Coordinators.name])
                #expect(try await fixture.store.caseChanges(inside: region, atStages: stages, withRecordsOf: [Coordinators.name]) == scannedAt)
            }
        }
    }
}
