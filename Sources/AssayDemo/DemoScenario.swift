import AssayCore
import Foundation

/// The demonstration `assay demo` runs: Jiaozuo's 28 institutions through the 2022 campaign.
///
/// Every institution of attachment 1 applies at basic standard; one is returned for
/// rectification, one fails on site and wins its appeal, one fails on site and lets the appeal
/// window close, and one is rechecked after reaching the standard. Two institutions then apply at
/// recommended standard and four centres for community-hospital accreditation, one of which is
/// refused and accepts the decision. Time runs from 1 March 2022 on a simulated clock.
public struct DemoScenario: Sendable {
    /// One case's end state, for printing.
    public struct CaseSummary: Sendable, Equatable {
        public var id: CaseID
        public var flowID: String
        public var institution: Institution
        public var path: [String]
        public var stage: String
    }

    /// 1 March 2022, 09:00 in Beijing.
    public static let start = Date(timeIntervalSince1970: 1_646_096_400)

    public let engine: Engine

    public init(engine: Engine) {
        self.engine = engine
    }

    /// Runs the whole scenario in time order and returns every case's end state.
    public func run() async throws -> [CaseSummary] {
        let scripts = scripts()
        let steps = scripts.enumerated()
            .flatMap { caseIndex, script in script.steps.enumerated().map { (day: $1.day, order: (caseIndex, $0), case: script, step: $1) } }
            .sorted { ($0.day, $0.order.0, $0.order.1) < ($1.day, $1.order.0, $1.order.1) }
        var lastTick = -1
        for scheduled in steps {
            if scheduled.day != lastTick {
                _ = try await engine.tick(now: Self.date(day: scheduled.day))
                lastTick = scheduled.day
            }
            try await perform(scheduled.step, on: scheduled.case)
        }
        _ = try await engine.tick(now: Self.date(day: 365))
        var summaries: [CaseSummary] = []
        for script in scripts {
            let state = try await engine.state(of: script.id)
            summaries.append(CaseSummary(id: state.id, flowID: state.flowID, institution: state.institution, path: state.path, stage: state.stage))
        }
        return summaries
    }

    static func date(day: Int) -> Date {
        start.addingTimeInterval(Double(day) * 86_400)
    }

    private func perform(_ step: Step, on script: CaseScript) async throws {
        let at = Self.date(day: step.day)
        switch step.kind {
        case .open:
            try await engine.open(script.id, institution: script.institution, flow: script.flowID,
                                  by: DemoCast.institution(script.institution), at: at)
        case .take(let action, let actor, let inputs):
            try await engine.take(action, on: script.id, by: actor, inputs: inputs, at: at)
        }
    }

    /// One case's planned steps.
    struct CaseScript {
        var flowID: String
        var institution: Institution
        var steps: [Step]
        var id: CaseID { CaseID("\(flowID)/\(institution.id)") }
    }

    /// Something done on a given day of the campaign.
    struct Step {
        enum Kind {
            case open
            case take(String, Actor, [String: String])
        }

        var day: Int
        var kind: Kind

        static func open(_ day: Int) -> Step { Step(day: day, kind: .open) }
        static func take(_ day: Int, _ action: String, _ actor: Actor, _ inputs: [String: String] = [:]) -> Step {
            Step(day: day, kind: .take(action, actor, inputs))
        }
    }

    private func scripts() -> [CaseScript] {
        Jiaozuo.institutions.map(basicStandard)
            + ["柏香镇葛村卫生院", "云台山镇卫生院"].compactMap(Jiaozuo.institution(named:)).map(recommendedStandard)
            + ["怀庆社区卫生服务中心", "木城街道办事处社区卫生服务中心", "塔西社区卫生服务中心", "昌盛社区卫生服务中心"]
                .compactMap(Jiaozuo.institution(named:)).map(communityHospital)
    }

    private static let pass = ["decision": "pass"]

    private static func fail(_ opinion: String) -> [String: String] {
        ["decision": "fail", "opinion": opinion]
    }

    private static func applying(_ day: Int, _ institution: Institution) -> [Step] {
        [.open(day), .take(day, "submit", DemoCast.institution(institution), ["self-assessment": "自评达到标准，申请评价。\n附自评表。"])]
    }

    private func basicStandard(_ institution: Institution) -> CaseScript {
        let county = institution.region
        let group = Jiaozuo.county(county)?.cityGroup ?? 1
        let me = DemoCast.institution(institution)
        let expert = DemoCast.countyExpert(county)
        let leader = DemoCast.cityExpert(group: group)
        var steps = Self.applying(0, institution)
        switch institution.name {
        case "木楼卫生院":
            steps += [
                .take(7, "initial-return", expert, Self.fail("院感防控制度不健全，需整改。")),
                .take(40, "resubmit", me, ["rectification-report": "已建立院感防控制度并开展培训。"]),
                .take(47, "initial-pass", expert, Self.pass),
                .take(50, "refer-to-city", DemoCast.countyCommission(county)),
                .take(60, "onsite-pass", leader, Self.pass),
            ]
        case "会昌社区卫生服务中心":
            steps += [
                .take(7, "initial-pass", expert, Self.pass),
                .take(10, "refer-to-city", DemoCast.countyCommission(county)),
                .take(20, "onsite-fail", leader, Self.fail("慢病管理指标未达标。")),
                .take(25, "appeal", me, ["grounds": "慢病管理数据统计口径有误，已附直报系统数据。"]),
                .take(32, "appeal-upheld", DemoCast.cityExpert(group: group, 2), ["decision": "pass", "opinion": "统计口径确有误，重新现场复核。"]),
                .take(45, "onsite-pass", DemoCast.cityExpert(group: group, 3), Self.pass),
            ]
        case "焦西社区卫生服务中心":
            steps += [
                .take(7, "initial-pass", expert, Self.pass),
                .take(10, "refer-to-city", DemoCast.countyCommission(county)),
                .take(20, "onsite-fail", leader, Self.fail("科室设置与人员配置不符合基本标准。")),
            ]
        case "常平乡卫生院":
            steps += [
                .take(7, "initial-pass", expert, Self.pass),
                .take(10, "refer-to-city", DemoCast.countyCommission(county)),
                .take(20, "onsite-pass", leader, Self.pass),
                .take(200, "open-recheck", DemoCast.cityCommission, ["reason": "对照新版标准开展“回头看”。"]),
                .take(210, "recheck-confirm", DemoCast.cityExpert(group: group, 2), Self.pass),
            ]
        default:
            steps += [
                .take(7, "initial-pass", expert, Self.pass),
                .take(10, "refer-to-city", DemoCast.countyCommission(county)),
                .take(20, "onsite-pass", leader, Self.pass),
            ]
        }
        return CaseScript(flowID: "basic-standard", institution: institution, steps: steps)
    }

    private func recommendedStandard(_ institution: Institution) -> CaseScript {
        let group = Jiaozuo.county(institution.region)?.cityGroup ?? 1
        let steps = Self.applying(90, institution) + [
            .take(95, "data-accepted", DemoCast.countyCommission(institution.region)),
            .take(105, "initial-pass", DemoCast.cityExpert(group: group), Self.pass),
            .take(110, "refer-to-province", DemoCast.cityCommission),
            .take(130, "onsite-pass", DemoCast.provinceExpert(), Self.pass),
        ]
        return CaseScript(flowID: "recommended-standard", institution: institution, steps: steps)
    }

    private func communityHospital(_ institution: Institution) -> CaseScript {
        let group = Jiaozuo.county(institution.region)?.cityGroup ?? 1
        var steps = Self.applying(60, institution) + [
            .take(70, "initial-pass", DemoCast.countyExpert(institution.region), Self.pass),
        ]
        if institution.name == "塔西社区卫生服务中心" {
            steps += [
                .take(85, "onsite-fail", DemoCast.cityExpert(group: group), Self.fail("床位与住院服务未达到社区医院基本标准。")),
                .take(88, "accept-decision", DemoCast.institution(institution)),
            ]
        } else {
            steps += [.take(85, "onsite-pass", DemoCast.cityExpert(group: group), Self.pass)]
        }
        return CaseScript(flowID: "community-hospital", institution: institution, steps: steps)
    }
}
