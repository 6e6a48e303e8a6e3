import AssayCore
import Foundation
import GuidanceGroups
import IntegrityRecords

/// What happens to one institution in the national campaign, drawn from its own random stream:
/// its cases and their steps, each on a day of the campaign. The rates are a campaign's plausible
/// ones, not measured figures.
struct NationalStory {
    /// One case's steps.
    struct Script: Sendable {
        var flow: String
        var institution: Institution
        var steps: [Step]
        var id: CaseID { CaseID("\(flow)/\(institution.id)") }
    }

    struct Step: Sendable {
        enum Kind: Sendable {
            case open
            case take(String, NationalCast.Role, [String: String])
            /// An on-site decision, by the leader of the group that reviewed the case last.
            case decide(String, [String: String])
            /// A group formed round the case's assigned team reviews it.
            case review(DemoReview)
            /// A guidance-groups record about the case.
            case record(String, any Encodable & Sendable, NationalCast.Role)
            /// The county commission orders the registration rectified by a deadline.
            case rectifyRegistration(deadline: String)
            /// The rectified registration audited again, compliant.
            case auditRegistration(serial: Int)
            /// An integrity record: a conflict the county's first expert declares, or a violation
            /// found at the institution.
            case integrity(IntegrityRecord, aboutExpert: Bool)
            /// The institution's figures for the recommended standard's prerequisites.
            case figures(InstitutionFigures)
        }

        var day: Int
        var kind: Kind
    }

    /// The items a review's findings name, by checklist: the first critical yes/no item, and
    /// two of the last section's other yes/no items.
    struct Findings: Sendable {
        var critical: String
        var minor: [String]

        /// The findings of `checklist` for institutions of `type`; nil when it has no critical
        /// yes/no item.
        init?(_ checklist: Checklist, for type: InstitutionType) {
            let yesNo = checklist.items.filter { $0.kind == .yesNo && $0.applies(to: type) }
            guard let critical = yesNo.first(where: \.critical) else { return nil }
            self.critical = critical.id
            minor = yesNo.filter { !$0.critical }.suffix(2).map(\.id)
        }
    }

    var scripts: [Script] = []

    init(institution: Institution, serial: Int, findings: [String: Findings], random: inout SeededRandom) {
        var start = random.below(180)
        var registration: [Step] = []
        if random.chance(0.03) {
            registration = [Step(day: start, kind: .rectifyRegistration(deadline: Self.calendarDay(start + 60))),
                            Step(day: start + 20, kind: .auditRegistration(serial: serial))]
            start += 21
        }
        if institution.type == .communityHealthServiceCentre, random.chance(0.1) {
            scripts.append(Self.communityHospital(institution, from: start, findings: findings["community-hospital"], random: &random))
        } else {
            scripts += Self.basicStandard(institution, from: start, findings: findings[Self.checklist(institution)], random: &random)
        }
        scripts[0].steps.insert(contentsOf: registration, at: 0)
    }

    static func checklist(_ institution: Institution) -> String {
        institution.type == .townshipHealthCentre ? "township-health-centre" : "community-health-service-centre"
    }

    /// The first review day (one a week) after `day`.
    static func reviewDay(after day: Int) -> Int {
        (day / 7 + 1) * 7
    }

    static let pass = ["decision": "pass"]

    static func applying(_ day: Int) -> [Step] {
        [Step(day: day, kind: .open), Step(day: day, kind: .take("submit", .institution, ["self-assessment": "自评达到标准，申请评价。"]))]
    }

    /// A group of the assigned team, joined half the time by the county's second expert; one in
    /// ten disagrees on an item and its leader settles it.
    static func review(_ checklist: String, of institution: Institution, findings: [String: DemoReview.Finding] = [:], minor: [String],
                       superseding reason: String? = nil, joinable: Bool = true, random: inout SeededRandom) -> DemoReview {
        let joining = joinable && random.chance(0.5) ? [DemoCast.countyExpert(institution.region, 2)] : []
        var review = DemoReview(checklist: checklist, joining: joining, findings: findings)
        review.reason = reason
        if random.chance(0.1), let item = minor.last, findings[item] == nil {
            review.dissent = (item, "no", "抽查记录不全。")
            review.resolution = ("yes", "复核原始记录，总体落实，个别记录不全不影响判定。")
        }
        return review
    }

    static func basicStandard(_ institution: Institution, from start: Int, findings: Findings?, random: inout SeededRandom) -> [Script] {
        let checklist = checklist(institution)
        let minor = findings?.minor ?? []
        var steps = applying(start)
        var day = start
        var initialExpert = 1
        if random.chance(0.01) {
            let conflict = IntegrityRecord(id: "C-\(institution.id)", kind: .conflict, description: "亲属在该院任职。", date: calendarDay(day + 3), institution: institution.id)
            steps.append(Step(day: day + 3, kind: .integrity(conflict, aboutExpert: true)))
            initialExpert = 3
        }
        day += 7
        if random.chance(0.05) {
            steps.append(Step(day: day, kind: .take("initial-return", .countyExpert(initialExpert), ["decision": "fail", "opinion": "院感防控制度不健全，需整改。"])))
            steps.append(Step(day: day + 33, kind: .take("resubmit", .institution, ["rectification-report": "已建立院感防控制度并开展培训。"])))
            day += 40
        }
        steps.append(Step(day: day, kind: .take("initial-pass", .countyExpert(initialExpert), pass)))
        steps.append(Step(day: day + 3, kind: .take("refer-to-city", .countyCommission, [:])))
        let reviewed = reviewDay(after: day + 3)
        let outcome = random.unit()
        let fails = outcome < 0.07 && findings != nil
        let rectifies = !fails && outcome < 0.22 && !minor.isEmpty
        var found: [String: DemoReview.Finding] = [:]
        if fails, let critical = findings?.critical { found[critical] = .init(value: "no", note: "关键项现场核查未落实。") }
        if rectifies, let item = minor.first { found[item] = .init(value: "no", note: "相关记录缺失。") }
        steps.append(Step(day: reviewed, kind: .review(review(checklist, of: institution, findings: found, minor: minor, random: &random))))
        var scripts: [Script] = []
        if fails {
            steps.append(Step(day: reviewed + 1, kind: .decide("onsite-fail", ["opinion": "关键项未达标。"])))
            let choice = random.unit()
            if choice < 0.5 {
                steps.append(Step(day: reviewed + 6, kind: .take("appeal", .institution, ["grounds": "对关键项判定有异议，已附佐证材料。"])))
                if random.chance(0.4) {
                    steps.append(Step(day: reviewed + 13, kind: .take("appeal-upheld", .appealPanel, ["decision": "pass", "opinion": "佐证材料属实，重新现场复核。"])))
                    let again = reviewDay(after: reviewed + 13)
                    steps.append(Step(day: again, kind: .review(review(checklist, of: institution, minor: minor, superseding: "申诉成立，另组专家重新现场复核。", random: &random))))
                    steps.append(Step(day: again + 1, kind: .decide("onsite-pass", [:])))
                } else {
                    steps.append(Step(day: reviewed + 13, kind: .take("appeal-dismissed", .appealPanel, ["decision": "fail", "opinion": "佐证材料不足以改变判定。"])))
                }
            } else if choice < 0.75 {
                steps.append(Step(day: reviewed + 4, kind: .take("accept-decision", .institution, [:])))
            }
            // Otherwise the appeal window closes on a tick.
        } else {
            let passed = reviewed + 1
            steps.append(Step(day: passed, kind: .decide("onsite-pass", [:])))
            if rectifies, let item = minor.first {
                let plan = RectificationPlan(round: 1, item: item, measure: "补齐相关记录，建立台账，每季度自查。", responsible: "业务院长", deadline: calendarDay(passed + 90))
                steps += [Step(day: passed + 10, kind: .record("rectification-plan", plan, .institution)),
                          Step(day: passed + 40, kind: .record("rectification-progress", RectificationNote(round: 1, item: item, note: "台账已建立。"), .institution)),
                          Step(day: passed + 80, kind: .record("rectification-verified", RectificationNote(round: 1, item: item, note: "抽查记录，均规范。"), .countyExpert(2)))]
            }
            if random.chance(0.05) {
                steps.append(Step(day: passed + 120, kind: .take("open-recheck", .cityCommission, ["reason": "对照新版标准开展“回头看”。"])))
                let recheck = reviewDay(after: passed + 120)
                steps.append(Step(day: recheck, kind: .review(review(checklist, of: institution, minor: minor, superseding: "“回头看”复核。", random: &random))))
                steps.append(Step(day: recheck + 1, kind: .decide("recheck-confirm", [:])))
            } else if random.chance(0.003) {
                let violation = IntegrityRecord(id: "V-\(institution.id)", kind: .violation, description: "迎检期间向评审专家赠送礼品。",
                                                evidence: [DemoReview.photo("V-\(institution.id)")], date: calendarDay(passed + 30), finding: .substantiated)
                steps.append(Step(day: passed + 30, kind: .integrity(violation, aboutExpert: false)))
            } else if !rectifies, random.chance(0.06) {
                scripts.append(recommendedStandard(institution, from: passed + 30, minor: minor, random: &random))
            }
        }
        return [Script(flow: "basic-standard", institution: institution, steps: steps)] + scripts
    }

    static func recommendedStandard(_ institution: Institution, from day: Int, minor: [String], random: inout SeededRandom) -> Script {
        let figures = InstitutionFigures(figures: ["diseases": 126, "annual-visits": 86_400, "senior-physicians": 3, "general-practitioners": 18, "residents": 35_000])
        var steps = [Step(day: day, kind: .open), Step(day: day, kind: .figures(figures)),
                     Step(day: day, kind: .take("submit", .institution, ["self-assessment": "自评达到推荐标准。"])),
                     Step(day: day + 5, kind: .take("data-accepted", .countyCommission, [:])),
                     Step(day: day + 15, kind: .take("initial-pass", .cityExpert, pass)),
                     Step(day: day + 20, kind: .take("refer-to-province", .cityCommission, [:]))]
        let reviewed = reviewDay(after: day + 20)
        steps.append(Step(day: reviewed, kind: .review(review(checklist(institution), of: institution, minor: minor, joinable: false, random: &random))))
        steps.append(Step(day: reviewed + 1, kind: .decide("onsite-pass", [:])))
        return Script(flow: "recommended-standard", institution: institution, steps: steps)
    }

    static func communityHospital(_ institution: Institution, from start: Int, findings: Findings?, random: inout SeededRandom) -> Script {
        var steps = applying(start)
        steps.append(Step(day: start + 7, kind: .take("initial-pass", .countyExpert(1), pass)))
        let reviewed = reviewDay(after: start + 7)
        let fails = random.chance(0.1) && findings != nil
        let found = fails ? [findings!.critical: DemoReview.Finding(value: "no", note: "关键项现场核查未落实。")] : [:]
        steps.append(Step(day: reviewed, kind: .review(review("community-hospital", of: institution, findings: found, minor: findings?.minor ?? [], random: &random))))
        if fails {
            steps.append(Step(day: reviewed + 1, kind: .decide("onsite-fail", ["opinion": "关键项未达到社区医院基本标准。"])))
            steps.append(Step(day: reviewed + 4, kind: .take("accept-decision", .institution, [:])))
        } else {
            steps.append(Step(day: reviewed + 1, kind: .decide("onsite-pass", [:])))
        }
        return Script(flow: "community-hospital", institution: institution, steps: steps)
    }

    /// The calendar day (China Standard Time) `day` days into the campaign, as `2022-04-30`.
    static func calendarDay(_ day: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3_600)!
        let parts = calendar.dateComponents([.year, .month, .day], from: DemoScenario.date(day: day))
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
