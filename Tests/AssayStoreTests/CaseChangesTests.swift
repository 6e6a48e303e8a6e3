import AssayCore
import AssayDemo
import AssayTestSupport
import Coordinators
import Foundation
import Testing

/// The report reads the cases' openings and actions through the store's indexes, never the
/// plugins' records: the stages it folds must be the ones the whole history gives.
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
        let scanned = try await fixture.store.scanningForCaseChanges(inside: province)
        #expect(try await fixture.store.caseChanges(inside: province) == scanned)
        #expect(scanned.allSatisfy { if case .recorded = $0.body { false } else { true } })
    }
}
