import AssayTestSupport
import AssayCore
import AssayDemo
import Testing

@Suite("The Jiaozuo demonstration")
struct DemoScenarioTests {
    @Test("attachment 1 lists 28 institutions in 10 counties, all inside Jiaozuo")
    func attachmentOne() {
        #expect(Jiaozuo.institutions.count == 28)
        #expect(Set(Jiaozuo.institutions.map(\.region)).count == 10)
        #expect(Jiaozuo.institutions.allSatisfy { Jiaozuo.city.contains($0.region) && Jiaozuo.county($0.region) != nil })
        #expect(Set(Jiaozuo.institutions.map(\.id)).count == 28)
    }

    @Test("the demo drives every track, an appeal, a closed window and a recheck to their ends")
    func demoOutcomes() async throws {
        let store = InMemoryEventStore()
        let engine = Engine(library: FlowLibrary(try Fixtures.realFlows().map(\.definition)), plugins: try ChecklistReviews.host(), store: store)
        let cases = try await DemoScenario(engine: engine).run()
        #expect(cases.count == 34)
        #expect(Set(cases.map(\.flowID)) == ["basic-standard", "recommended-standard", "community-hospital"])

        let byID = Dictionary(uniqueKeysWithValues: cases.map { ($0.id.value, $0) })
        #expect(byID["basic-standard/410883-002"]?.path.contains("appeal-review") == true)
        #expect(byID["basic-standard/410883-002"]?.stage == "achieved")
        #expect(byID["basic-standard/410802-001"]?.path.suffix(2) == ["appeal-window", "not-achieved"])
        #expect(byID["basic-standard/410882-001"]?.path.suffix(3) == ["achieved", "recheck", "achieved"])
        #expect(byID["recommended-standard/410821-001"]?.stage == "achieved")
        #expect(cases.filter { $0.flowID == "community-hospital" }.map(\.stage).sorted() == ["accredited", "accredited", "accredited", "not-achieved"])
    }
}
