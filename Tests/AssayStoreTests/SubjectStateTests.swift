import AssayCore
import AssayDemo
import AssayTestSupport
import GuidanceGroups
import IntegrityRecords
import Testing

/// A read about one case (`review show`, `rectification show`, `integrity show`) folds the
/// plugins' records about that case and the subjects it names, not the whole log: what it sees
/// must be what the whole fold holds for them.
@Suite("Plugin state about a few subjects")
struct SubjectStateTests {
    @Test("a case's rounds, figures, rectification and score, read from its own records and its members', are the whole fold's",
          arguments: StoreKind.allCases.filter(\.isAvailable))
    func subjectReadsMatchTheWholeFold(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        let directory = NationalDirectory(institutions: 60, provinces: 3, divisions: NationalCampaignTests.divisions, seed: 11)
        _ = try await NationalCampaignTests.campaign(directory, seed: 11, into: fixture.store)
        let library = FlowLibrary(try DefinitionLoader().loadAll([Repository.workflows]).map(\.definition))
        let engine = try Engine(library: library, plugins: try ChecklistReviews.host(), store: fixture.store)
        // Teams are assigned round declared conflicts; a conflict a member declares later sets
        // their answers aside, and the member's records are where a read about the case finds it.
        let before = try #require(try await engine.currentPluginStates().state(of: GuidanceGroups.self))
        let late = try await engine.state(of: try #require(before.rounds.keys.sorted().first))
        let member = try #require(before.rounds[late.id]?.last?.group.members.first)
        let conflict = IntegrityRecord(id: "C-late-1", kind: .conflict, description: "亲属在该院任职", date: "2023-05-01", institution: late.institution.id)
        try await engine.record(PluginRecord(plugin: IntegrityRecords.name, type: IntegrityRecordType.expert, by: .system, value: try RecordValue(encoding: conflict)),
                                about: Subject(kind: "expert", id: member), at: DemoScenario.start.addingTimeInterval(430 * 86_400))
        let whole = try await engine.currentPluginStates()
        let guidance = try #require(whole.state(of: GuidanceGroups.self))
        let integrity = try #require(whole.state(of: IntegrityRecords.self))
        var rounds = 0, setAside = 0, archived = 0
        for id in try await fixture.store.caseIDs() {
            let state = try await engine.state(of: id)
            let institution = Subject(kind: "institution", id: state.institution.id)
            let read = try #require(try await engine.pluginStates(of: [GuidanceGroups.name], about: [id, institution]).state(of: GuidanceGroups.self))
            #expect(Set(read.rounds.keys).isSubset(of: [id]), "another case's rounds were folded")
            #expect(read.rounds[id] == guidance.rounds[id])
            #expect(read.figures[id] == guidance.figures[id])
            #expect(read.archive(of: id, for: state.institution.type) == guidance.archive(of: id, for: state.institution.type))
            #expect(read.checklists.keys.sorted() == guidance.checklists.keys.sorted())
            for round in guidance.rounds[id] ?? [] {
                let members = Set(round.group.members.map { Subject(kind: "expert", id: $0) })
                let theirs = try #require(try await engine.pluginStates(of: [IntegrityRecords.name], about: members).state(of: IntegrityRecords.self))
                #expect(Set(theirs.records.keys).isSubset(of: members))
                let expected = try #require(guidance.score(round, of: state.institution, integrity: integrity))
                let scored = try #require(read.score(round, of: state.institution, integrity: theirs))
                #expect(scored.group == expected.group)
                #expect(scored.setAside.map(\.member) == expected.setAside.map(\.member))
                rounds += 1
                setAside += expected.setAside.count
            }
            archived += guidance.archive(of: id, for: state.institution.type).count
        }
        // The campaign holds what the comparison is about: rounds, conflicts that set answers
        // aside, and rectification.
        #expect(rounds > 20 && setAside > 0 && archived > 0, "rounds \(rounds), set aside \(setAside), archived \(archived)")
    }
}
