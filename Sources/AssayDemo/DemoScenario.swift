import AssayCore
import Coordinators
import Foundation
import GuidanceGroups
import IntegrityRecords
import RegistrationAudit

/// The demonstration `assay demo` runs: Jiaozuo's 28 institutions through the 2022 campaign.
///
/// Every institution of attachment 1 applies at basic standard; one is returned for
/// rectification, one fails on site and wins its appeal, one fails on site on a critical item and
/// lets the appeal window close, and one closes a rectification item and is rechecked after
/// reaching the standard. On-site outcomes follow from expert groups of two to four, formed round the
/// team `assay assign` seats from the directory, scoring the built-in checklists (one group disagrees on an item and its leader resolves it). Two
/// institutions then apply at recommended standard, one refused by the prerequisites, and four
/// centres for community-hospital accreditation, one of which fails and accepts the decision.
/// Time runs from 1 March 2022 on a simulated clock.
public struct DemoScenario: Sendable {
    /// One case's end state, for printing.
    public struct CaseSummary: Sendable, Equatable {
        public var id: CaseID
        public var flowID: String
        public var institution: Institution
        public var path: [String]
        public var stage: String
        /// Actions the scenario tried that the engine refused, with the reason.
        public var refusals: [String]
    }

    /// 1 March 2022, 09:00 in Beijing.
    public static let start = Date(timeIntervalSince1970: 1_646_096_400)

    public let engine: Engine
    private let progress = Progress()

    public init(engine: Engine) {
        self.engine = engine
    }

    /// Runs the whole scenario in time order and returns every case's end state.
    public func run() async throws -> [CaseSummary] {
        let scripts = scripts()
        _ = try await engine.storeDataFile(try Directory.snapshot(of: DemoDirectory.files, named: "jiaozuo"), by: DemoCast.cityCommission, at: Self.start)
        try await registerInstitutions(Set(scripts.map(\.institution)))
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
            summaries.append(CaseSummary(id: state.id, flowID: state.flowID, institution: state.institution, path: state.path, stage: state.stage,
                                         refusals: await progress.refusals(of: script.id)))
        }
        return summaries
    }

    /// The institution whose registration lacks legal-person status at first (seed 003, section
    /// 四: a community centre without a legal-person certificate must supply one by a deadline).
    static let unregistered = "沁园社区卫生服务中心"

    /// Audits every institution's registration on day 0, in one transaction: all compliant but
    /// the one without legal-person status.
    private func registerInstitutions(_ institutions: Set<Institution>) async throws {
        let file = try BuiltInRules.file()
        let rules = try file.content.decode(as: RegistrationRules.self)
        let hash = try await engine.storeDataFile(file, by: DemoCast.cityCommission, at: Self.start)
        let registrations = institutions.sorted { $0.id < $1.id }.map { ($0, DemoRegistrations.registration(of: $0, rules: rules, legalPerson: $0.name != Self.unregistered)) }
        try await engine.record(try DemoRegistrations.audits(of: registrations, rules: rules, hash: hash.hex, by: DemoCast.cityCommission), at: Self.start)
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
        case .refused(let action, let actor, let inputs):
            do {
                try await engine.take(action, on: script.id, by: actor, inputs: inputs, at: at)
                throw DemoError.notRefused(action: action, case: script.id)
            } catch let refusal as TransitionError {
                await progress.add("\(action): \(refusal)", to: script.id)
            }
        case .record(let type, let value, let actor):
            try await engine.record(PluginRecord(plugin: GuidanceGroups.name, type: type, by: actor, value: try RecordValue(encoding: value)), about: script.id, at: at)
        case .integrity(let subject, let record, let actor):
            try await engine.storeDataFile(try BuiltInIntegrityRules.file(), by: actor, at: at)
            let type = subject.kind == "expert" ? "expert-record" : "institution-record"
            try await engine.record(PluginRecord(plugin: IntegrityRecords.name, type: type, by: actor, value: try RecordValue(encoding: record)),
                                    about: subject, at: at)
        case .audit(let legalPerson, let auditor):
            let file = try BuiltInRules.file()
            let rules = try file.content.decode(as: RegistrationRules.self)
            let hash = try await engine.storeDataFile(file, by: auditor, at: at)
            let registration = DemoRegistrations.registration(of: script.institution, rules: rules, legalPerson: legalPerson)
            try await engine.record(try DemoRegistrations.audits(of: [(script.institution, registration)], rules: rules, hash: hash.hex, by: auditor), at: at)
        case .registration(let type, let value, let actor):
            try await engine.record(PluginRecord(plugin: RegistrationAudit.name, type: type, by: actor, value: try RecordValue(encoding: value)),
                                    about: Subject(kind: "institution", id: script.institution.id), at: at)
        case .review(let review):
            let (team, commission) = try await assignedTeam(of: script.id, at: at)
            let file = try BuiltInData.file(kind: "checklist", id: review.checklist)
            let hash = try await engine.storeDataFile(file, by: commission, at: at)
            let checklist = try file.content.decode(as: Checklist.self)
            let records = try review.records(team: team, checklist: checklist, hash: hash.hex, for: script.institution.type, formedBy: commission)
            try await engine.record(records.map { PluginRecord(plugin: GuidanceGroups.name, type: $0.1, by: $0.0, value: $0.2) }, about: script.id, at: at)
            await progress.lead(script.id, by: team[0])
        case .decide(let action, let inputs):
            guard let leader = await progress.leader(of: script.id) else { throw DemoError.noGroup(action: action, case: script.id) }
            try await engine.take(action, on: script.id, by: leader, inputs: inputs, at: at)
        case .storePrerequisites:
            try await engine.storeDataFile(try BuiltInData.file(kind: "prerequisites", id: "recommended-standard"), by: DemoCast.provinceCommission, at: at)
        }
    }

    /// The team assigned to the case for its stay in its review stage, as the actors who act on
    /// it: when none is, the commission of the review's level runs `assay assign` for the case.
    private func assignedTeam(of id: CaseID, at date: Date) async throws -> (team: [Actor], commission: Actor) {
        let state = try await engine.state(of: id)
        guard let permission = try engine.transition(for: state).definition.stages[state.stage]?.actions.lazy.compactMap(\.permission).first else {
            throw DemoError.noReviewer(stage: state.stage, case: id)
        }
        let commission = DemoCast.commission(assigning: permission.level)
        if try await engine.currentPluginStates().state(of: Coordinators.self)?.team(of: state) == nil {
            let assigner = try await TeamAssigner(engine: engine, cases: [id], at: date)
            try await engine.record(try assigner.records(by: commission), at: date)
        }
        let team = try await engine.currentPluginStates().state(of: Coordinators.self)?.team(of: state)
        let experts = team?.seats.compactMap(\.expert) ?? []
        return (experts.map { DemoCast.seated($0, as: permission) }, commission)
    }

    /// What the scenario met along the way, by case: the refusals, and the leader of the group
    /// that reviewed it last.
    private actor Progress {
        private var refusals: [CaseID: [String]] = [:]
        private var leaders: [CaseID: Actor] = [:]

        func add(_ refusal: String, to id: CaseID) {
            refusals[id, default: []].append(refusal)
        }

        func refusals(of id: CaseID) -> [String] {
            refusals[id] ?? []
        }

        func lead(_ id: CaseID, by leader: Actor) {
            leaders[id] = leader
        }

        func leader(of id: CaseID) -> Actor? {
            leaders[id]
        }
    }

    /// The scenario went otherwise than written.
    enum DemoError: Error, CustomStringConvertible {
        case notRefused(action: String, case: CaseID)
        case noGroup(action: String, case: CaseID)
        case noReviewer(stage: String, case: CaseID)

        var description: String {
            switch self {
            case .notRefused(let action, let id): "the demo expected \(action) on \(id) to be refused, and it was taken"
            case .noGroup(let action, let id): "the demo takes \(action) on \(id) by its group's leader, and no group has reviewed it"
            case .noReviewer(let stage, let id): "the demo reviews \(id) at \(stage), where no action is taken by a reviewer"
            }
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
            /// An action the engine must refuse; the refusal is kept for the summary.
            case refused(String, Actor, [String: String])
            /// A guidance-groups record about the case.
            case record(String, any Encodable & Sendable, Actor)
            /// A registration-audit record about the case's institution.
            case registration(String, any Encodable & Sendable, Actor)
            /// An audit of the case's institution's registration under the built-in rules.
            case audit(legalPerson: Bool, by: Actor)
            /// An integrity record about an institution or an expert.
            case integrity(Subject, IntegrityRecord, Actor)
            case review(DemoReview)
            /// An on-site decision, taken by the leader of the group that reviewed the case last.
            case decide(String, [String: String])
            case storePrerequisites
        }

        var day: Int
        var kind: Kind

        static func open(_ day: Int) -> Step { Step(day: day, kind: .open) }
        static func take(_ day: Int, _ action: String, _ actor: Actor, _ inputs: [String: String] = [:]) -> Step {
            Step(day: day, kind: .take(action, actor, inputs))
        }

        static func decide(_ day: Int, _ action: String, _ inputs: [String: String] = [:]) -> Step {
            Step(day: day, kind: .decide(action, inputs))
        }

        static func review(_ day: Int, _ review: DemoReview) -> Step {
            Step(day: day, kind: .review(review))
        }

        static func record(_ day: Int, _ type: String, _ value: any Encodable & Sendable, by actor: Actor) -> Step {
            Step(day: day, kind: .record(type, value, actor))
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

    /// The checklist an institution's basic or recommended review scores.
    private static func checklist(_ institution: Institution) -> String {
        institution.type == .townshipHealthCentre ? "township-health-centre" : "community-health-service-centre"
    }

    /// A city group of two to four: the team of two `assay assign` seats, joined in a group of
    /// three by a county expert of the institution's county (city and county experts inspect
    /// jointly), and in a group of four by a city expert too.
    private static func cityReview(_ institution: Institution, size: Int = 3, checklist: String? = nil,
                                   findings: [String: DemoReview.Finding] = [:], superseding reason: String? = nil) -> DemoReview {
        let group = Jiaozuo.county(institution.region)?.cityGroup ?? 1
        let joining = [DemoCast.cityExpert(group: group, 6), DemoCast.countyExpert(institution.region, 2)].suffix(size - 2)
        var review = DemoReview(checklist: checklist ?? Self.checklist(institution), joining: Array(joining), findings: findings)
        review.reason = reason
        return review
    }

    private func basicStandard(_ institution: Institution) -> CaseScript {
        let county = institution.region
        let group = Jiaozuo.county(county)?.cityGroup ?? 1
        let me = DemoCast.institution(institution)
        let expert = DemoCast.countyExpert(county)
        var steps = Self.applying(0, institution)
        switch institution.name {
        case Self.unregistered:
            // Refused until its registration is rectified: a legal-person certificate by 30 April.
            let commission = DemoCast.countyCommission(county)
            steps = [
                .open(0),
                Step(day: 0, kind: .refused("submit", me, ["self-assessment": "自评达到标准，申请评价。"])),
                Step(day: 2, kind: .registration("decision", RegistrationDecision(outcome: .rectify, deadline: "2022-04-30", note: "限期补齐独立法人证书。"), commission)),
                Step(day: 25, kind: .audit(legalPerson: true, by: commission)),
                .take(26, "submit", me, ["self-assessment": "已取得事业单位法人证书，自评达到标准。"]),
                .take(33, "initial-pass", expert, Self.pass),
                .take(36, "refer-to-city", commission),
                .review(45, Self.cityReview(institution)),
                .decide(46, "onsite-pass"),
            ]
        case "木楼卫生院":
            steps += [
                .take(7, "initial-return", expert, Self.fail("院感防控制度不健全，需整改。")),
                .take(40, "resubmit", me, ["rectification-report": "已建立院感防控制度并开展培训。"]),
                .take(47, "initial-pass", expert, Self.pass),
                .take(50, "refer-to-city", DemoCast.countyCommission(county)),
                .review(59, Self.cityReview(institution, size: 2)),
                .decide(60, "onsite-pass"),
            ]
        case "赵和镇卫生院":
            // The group disagrees on nursing quality; the leader settles it.
            var review = Self.cityReview(institution, size: 4)
            review.dissent = ("2.8", "D", "分级护理执行记录不全。")
            review.resolution = ("B", "抽查三个病区，分级护理总体落实，记录不全属个别情况，列入整改。")
            // The county's first expert declares a conflict of interest and is refused; another reviews.
            let conflict = IntegrityRecord(id: "C-2022-001", kind: .conflict, description: "亲属在该院任职。", date: "2022-03-05", institution: institution.id)
            steps += [
                Step(day: 4, kind: .integrity(Subject(kind: "expert", id: expert.id), conflict, expert)),
                Step(day: 7, kind: .refused("initial-pass", expert, Self.pass)),
                .take(7, "initial-pass", DemoCast.countyExpert(county, 3), Self.pass),
                .take(10, "refer-to-city", DemoCast.countyCommission(county)),
                .review(19, review),
                .decide(20, "onsite-pass"),
            ]
        case "会昌社区卫生服务中心":
            steps += [
                .take(7, "initial-pass", expert, Self.pass),
                .take(10, "refer-to-city", DemoCast.countyCommission(county)),
                .review(19, Self.cityReview(institution, findings: ["3.10": .init(value: "no", note: "传染病报告卡填报不及时。")])),
                .decide(20, "onsite-fail", ["opinion": "传染病报告不及时，关键项未达标。"]),
                .take(25, "appeal", me, ["grounds": "报告时限统计口径有误，已附直报系统数据。"]),
                .take(32, "appeal-upheld", DemoCast.cityExpert(group: group, 5), ["decision": "pass", "opinion": "统计口径确有误，重新现场复核。"]),
                // A new team, assigned for the case's second stay in the on-site review, reviews again.
                .review(44, Self.cityReview(institution, size: 2, superseding: "申诉成立，另组专家重新现场复核。")),
                .decide(45, "onsite-pass"),
            ]
        case "焦西社区卫生服务中心":
            // A critical item fails the case whatever the score.
            steps += [
                .take(7, "initial-pass", expert, Self.pass),
                .take(10, "refer-to-city", DemoCast.countyCommission(county)),
                .review(19, Self.cityReview(institution, findings: ["2.9": .init(value: "no", note: "医疗废物暂存间未分类，无交接登记。")])),
                .decide(20, "onsite-fail", ["opinion": "院感关键项未达标。"]),
            ]
        case "常平乡卫生院":
            // Reaches the standard with one shortfall, rectifies it, and is rechecked.
            let plan = RectificationPlan(round: 1, item: "3.8", measure: "建立严重精神障碍患者随访台账，每季度随访。", responsible: "公共卫生科科长", deadline: "2022-06-30")
            steps += [
                .take(7, "initial-pass", expert, Self.pass),
                .take(10, "refer-to-city", DemoCast.countyCommission(county)),
                .review(19, Self.cityReview(institution, findings: ["3.8": .init(value: "no", note: "严重精神障碍患者随访记录缺失。")])),
                .decide(20, "onsite-pass"),
                .record(30, "rectification-plan", plan, by: me),
                .record(60, "rectification-progress", RectificationNote(round: 1, item: "3.8", note: "台账已建立，完成首轮随访32人。"), by: me),
                .record(100, "rectification-verified", RectificationNote(round: 1, item: "3.8", note: "抽查随访记录10份，均规范。"), by: DemoCast.countyExpert(county, 2)),
                .take(200, "open-recheck", DemoCast.cityCommission, ["reason": "对照新版标准开展“回头看”。"]),
                .review(209, Self.cityReview(institution, size: 2, superseding: "“回头看”复核。")),
                .decide(210, "recheck-confirm"),
            ]
        case "紫陵卫生院":
            // A substantiated violation costs the institution its recheck (seed 003, section 六).
            let violation = IntegrityRecord(id: "V-2022-001", kind: .violation, description: "迎检期间向评审专家赠送礼品，违反中央八项规定。",
                                            evidence: [DemoReview.photo("V-2022-001")], date: "2022-07-29", finding: .substantiated)
            steps += [
                .take(7, "initial-pass", expert, Self.pass),
                .take(10, "refer-to-city", DemoCast.countyCommission(county)),
                .review(19, Self.cityReview(institution, size: 3)),
                .decide(20, "onsite-pass"),
                Step(day: 150, kind: .integrity(Subject(kind: "institution", id: institution.id), violation, DemoCast.cityCommission)),
                Step(day: 200, kind: .refused("open-recheck", DemoCast.cityCommission, ["reason": "对照新版标准开展“回头看”。"])),
            ]
        default:
            steps += [
                .take(7, "initial-pass", expert, Self.pass),
                .take(10, "refer-to-city", DemoCast.countyCommission(county)),
                .review(19, Self.cityReview(institution, size: 2 + institution.id.hashValueMod3)),
                .decide(20, "onsite-pass"),
            ]
        }
        return CaseScript(flowID: "basic-standard", institution: institution, steps: steps)
    }

    private func recommendedStandard(_ institution: Institution) -> CaseScript {
        let group = Jiaozuo.county(institution.region)?.cityGroup ?? 1
        let me = DemoCast.institution(institution)
        // Seed 003, attachment 2; 柏香镇葛村卫生院 falls short on annual visits.
        let visits: Int64 = institution.name == "柏香镇葛村卫生院" ? 61_200 : 86_400
        let figures = InstitutionFigures(figures: ["diseases": 126, "annual-visits": visits, "senior-physicians": 3,
                                                   "general-practitioners": 18, "residents": 35_000])
        var steps: [Step] = [.open(90), Step(day: 90, kind: .storePrerequisites), .record(90, "figures", figures, by: me)]
        guard visits >= 80_000 else {
            steps.append(Step(day: 90, kind: .refused("submit", me, ["self-assessment": "自评达到推荐标准。"])))
            return CaseScript(flowID: "recommended-standard", institution: institution, steps: steps)
        }
        let province = DemoReview(checklist: Self.checklist(institution), joining: [DemoCast.provinceExpert(5)])
        steps += [
            .take(90, "submit", me, ["self-assessment": "自评达到推荐标准。"]),
            .take(95, "data-accepted", DemoCast.countyCommission(institution.region)),
            .take(105, "initial-pass", DemoCast.cityExpert(group: group), Self.pass),
            .take(110, "refer-to-province", DemoCast.cityCommission),
            .review(129, province),
            .decide(130, "onsite-pass"),
        ]
        return CaseScript(flowID: "recommended-standard", institution: institution, steps: steps)
    }

    private func communityHospital(_ institution: Institution) -> CaseScript {
        var steps = Self.applying(60, institution) + [
            .take(70, "initial-pass", DemoCast.countyExpert(institution.region), Self.pass),
        ]
        if institution.name == "塔西社区卫生服务中心" {
            let findings: [String: DemoReview.Finding] = [
                "1.2": .init(value: "12", note: "实际开放床位12张。"),
                "1.3": .init(value: "under-50", note: "床位使用率38%。"),
                "2.3": .init(value: "n/a", note: "未开展手术。"),
                "2.4": .init(value: "D", note: "住院病种少，未执行临床路径。"),
                "2.10": .init(value: "no", note: "未开展家庭病床。"),
            ]
            steps += [
                .review(84, Self.cityReview(institution, checklist: "community-hospital", findings: findings)),
                .decide(85, "onsite-fail", ["opinion": "床位与住院服务未达到社区医院基本标准。"]),
                .take(88, "accept-decision", DemoCast.institution(institution)),
            ]
        } else {
            steps += [
                .review(84, Self.cityReview(institution, size: 2, checklist: "community-hospital")),
                .decide(85, "onsite-pass"),
            ]
        }
        return CaseScript(flowID: "community-hospital", institution: institution, steps: steps)
    }
}

extension String {
    /// 0, 1 or 2 from the id's last digit: varies the demo's group sizes the same way every run.
    fileprivate var hashValueMod3: Int {
        Int(String(last ?? "0")).map { $0 % 3 } ?? 0
    }
}
