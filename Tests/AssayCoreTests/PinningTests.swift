import AssayTestSupport
import AssayCore
import AssayDemo
import Foundation
import Testing

@Suite("Cases keep the definition they started under")
struct PinningTests {
    /// The basic-standard flow with the appeal window cut to 5 days, as version 3.
    func editedBasicStandard() throws -> FlowDefinition {
        let text = try String(contentsOfFile: Fixtures.workflows + "/basic-standard.yaml", encoding: .utf8)
            .replacingOccurrences(of: "version: 6", with: "version: 7")
            .replacingOccurrences(of: "after: 15d", with: "after: 5d")
        return try DefinitionLoader().load(Array(text.utf8), file: "basic-standard.yaml").definition
    }

    @Test("an edited flow applies to new cases; old cases follow the rules they started under")
    func oldCasesKeepTheirRules() async throws {
        let harness = try EngineHarness()
        let old = try await harness.tour("basic-standard", ["submit", "initial-pass", "refer-to-city", "onsite-fail"], id: "old")

        var library = harness.library
        library.add(try editedBasicStandard())
        let engine = Engine(library: library, plugins: try ChecklistReviews.host(), store: harness.store)
        let me = DemoCast.institution(harness.institution)
        let new = try await engine.open("new", institution: harness.institution, flow: "basic-standard", by: me, at: harness.date(day: 0))
        #expect(new.definitionHash != old.definitionHash)
        #expect(new.definitionHash == library.current("basic-standard")?.hash)

        // Ten days after the decision: past the new 5-day window, inside the old 15-day one.
        #expect(try await engine.tick(now: harness.date(day: 14)).isEmpty)
        #expect(try await engine.state(of: "old").stage == "appeal-window")
    }

    @Test("a case whose definition is not loaded is refused, not reinterpreted")
    func missingDefinitionIsAnError() async throws {
        let harness = try EngineHarness()
        let old = try await harness.tour("basic-standard", ["submit"], id: "old")
        let engine = Engine(library: FlowLibrary([try editedBasicStandard()]), plugins: try ChecklistReviews.host(), store: harness.store)
        await #expect(throws: TransitionError.definitionUnavailable(old.definitionHash, caseID: "old")) {
            try await engine.take("initial-pass", on: "old", by: DemoCast.countyExpert(harness.institution.region),
                                  inputs: ["decision": "pass"], at: harness.date(day: 3))
        }
    }
}
