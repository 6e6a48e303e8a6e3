import AssayCore
import AssayDemo
import AssayHistory
import AssayStore
import AssayTestSupport
import Coordinators
import Foundation
import RegistrationAudit
import Testing

/// The national campaign the benchmarks write: a seeded directory of real counties, and a year of
/// it through the engine and the plugins that lands the same on every store and audits clean.
@Suite("The national campaign")
struct NationalCampaignTests {
    static let divisions = try! BuiltInRules.file().content.decode(as: RegistrationRules.self).divisions

    /// Runs the campaign of `directory` with `seed` into `store`; returns the cases by stage and
    /// the log's root hash.
    static func campaign(_ directory: NationalDirectory, seed: UInt64, into store: any EventStore) async throws -> (stages: [String: Int], root: LogHash) {
        let library = FlowLibrary(try DefinitionLoader().loadAll([Repository.workflows]).map(\.definition))
        let stages = try await NationalCampaign(engine: Engine(library: library, plugins: try ChecklistReviews.host(), store: store), directory: directory, seed: seed).run()
        var tree = MerkleAccumulator()
        for try await batch in LogReader(store: store) {
            for entry in batch { tree.append(LogHash.leaf(entry.body)) }
        }
        return (stages, tree.root)
    }

    @Test("the same seed draws the same directory of real counties, ten a province, each city with two or more")
    func directoryIsSeeded() throws {
        let directory = NationalDirectory(institutions: 2_000, divisions: Self.divisions, seed: 7)
        #expect(directory.files == NationalDirectory(institutions: 2_000, divisions: Self.divisions, seed: 7).files)
        #expect(directory.files != NationalDirectory(institutions: 2_000, divisions: Self.divisions, seed: 8).files)
        #expect(directory.counties.count == 300)
        #expect(Set(directory.counties.map(\.province)).count == 30)
        #expect(directory.counties.allSatisfy { Self.divisions.contains($0.code.code) && Self.divisions.contains($0.city.code) })
        #expect(Dictionary(grouping: directory.counties, by: \.city).values.allSatisfy { $0.count >= 2 })
        #expect(directory.institutions.count == 2_000)
        let (read, problems) = Directory.read(directory.files)
        #expect(problems.isEmpty, "\(problems.prefix(3))")
        #expect(read?.listedInstitutions().count == 2_000)
    }

    @Test("the campaign writes the same log, to its root hash, into memory, SQLite and PostgreSQL")
    func sameRootOnEveryStore() async throws {
        let directory = NationalDirectory(institutions: 60, provinces: 3, divisions: Self.divisions, seed: 11)
        var roots: [StoreKind: LogHash] = [:]
        for kind in StoreKind.allCases where kind.isAvailable {
            let fixture = try await StoreFixture.make(kind)
            roots[kind] = try await Self.campaign(directory, seed: 11, into: fixture.store).root
        }
        #expect(Set(roots.values).count == 1, "\(roots)")
        #expect(roots.count == StoreKind.allCases.filter(\.isAvailable).count)
    }

    @Test("a national log of 1,000 institutions verifies and replays with no divergence, every province's institutions reaching a decision")
    func nationalLogAudits() async throws {
        let store = InMemoryEventStore()
        let directory = NationalDirectory(institutions: 1_000, divisions: Self.divisions, seed: 20_261_125)
        let (stages, _) = try await Self.campaign(directory, seed: 20_261_125, into: store)
        #expect(stages.keys.allSatisfy { ["achieved", "not-achieved", "accredited"].contains($0) }, "\(stages)")
        #expect(stages.values.reduce(0, +) > 1_000)
        var decided: Set<RegionCode> = []
        for state in try await Engine(library: FlowLibrary([]), store: store).cases() where state.stage == "achieved" {
            decided.insert(directory.countyOf[state.institution.region]!.province)
        }
        #expect(decided == Set(directory.counties.map(\.province)))
        let verification = try await LogVerifier(store: store).run()
        #expect(verification.isValid, "\(verification.problems.prefix(3))")
        let replay = try await Replayer(store: store, plugins: try ChecklistReviews.host()).run()
        #expect(replay.isConsistent, "\(replay.divergences.prefix(3))")
        #expect(replay.events == store.logSize())
    }
}
