import AssayCore
import AssayDemo
import AssayTestSupport
import Foundation

/// An engine on the real flows and the guidance-groups plugin, with an in-memory store, and the
/// people who act on one institution.
struct EngineHarness {
    let store = InMemoryEventStore()
    let engine: Engine
    let library: FlowLibrary
    /// 云台山镇卫生院, Xiuwu county (410821), covered by city expert group 1.
    let institution = Jiaozuo.institution(named: "云台山镇卫生院")!
    let start = DemoScenario.start

    init() throws {
        library = FlowLibrary(try Fixtures.realFlows().map(\.definition))
        engine = Engine(library: library, plugins: try ChecklistReviews.host(), store: store)
    }

    /// The actor who may take `action` of `flowID` on the institution; `member` picks another
    /// person of the same role, for decisions that must be independent.
    func actor(for action: String, in flowID: String, member: Int = 1) -> Actor {
        let permission = library.current(flowID)!.definition.action(named: action)!.action.permission!
        switch permission.level {
        case .institution: return DemoCast.institution(institution)
        case .county:
            return permission.role == "county-expert" ? DemoCast.countyExpert(institution.region, member) : DemoCast.countyCommission(institution.region)
        case .city:
            return permission.role == "city-expert" ? DemoCast.cityExpert(group: 1, member) : DemoCast.cityCommission
        case .province:
            return permission.role == "province-expert" ? DemoCast.provinceExpert(member) : DemoCast.provinceCommission
        }
    }

    /// The inputs `action` requires, with a decision matching its decision guard.
    func inputs(for action: String, in flowID: String) -> [String: String] {
        let spec = library.current(flowID)!.definition.action(named: action)!.action
        var inputs: [String: String] = [:]
        for input in spec.inputs where input.required {
            switch input.kind {
            case .choice: inputs[input.name] = spec.guards.contains("decision-is-fail") ? "fail" : "pass"
            case .number: inputs[input.name] = "90"
            case .text: inputs[input.name] = "依据第\(input.name)项。\n第二行。"
            }
        }
        return inputs
    }

    func date(day: Int) -> Date { start.addingTimeInterval(Double(day) * 86_400) }

    /// Opens a case and takes `actions` in turn, one day apart, each by the right actor with the
    /// inputs it requires, after the experts have recorded what its guards read (a scored
    /// checklist, figures, rectification); actions that must be independent are taken by a
    /// second person.
    @discardableResult
    func tour(_ flowID: String, _ actions: [String], id: CaseID = "case-1") async throws -> CaseState {
        var state = try await engine.open(id, institution: institution, flow: flowID, by: DemoCast.institution(institution), at: date(day: 0))
        let definition = library.current(flowID)!.definition
        for (day, action) in actions.enumerated() {
            let independent = !(definition.action(named: action)?.action.independentOf.isEmpty ?? true)
            let taker = actor(for: action, in: flowID, member: independent ? 2 : 1)
            try await ChecklistReviews.prepare(action, on: state, by: taker, engine: engine, at: date(day: day + 1))
            state = try await engine.take(action, on: id, by: taker, inputs: inputs(for: action, in: flowID), at: date(day: day + 1))
        }
        return state
    }
}
