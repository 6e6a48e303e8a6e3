import AssayTestSupport
import Foundation
import Testing

/// A whole review driven from the shell, as a county coordinator and the experts would.
@Suite("Driving cases with assay case and assay tick")
struct CaseCommandTests {
    static let institution = ["--actor", "staff@410883-002", "--role", "institution", "--for", "institution:410883-002"]
    static let countyExpert = ["--actor", "county-expert-1@410883", "--role", "county-expert", "--for", "region:410883"]
    static let coordinator = ["--actor", "commission@410883", "--role", "county-coordinator", "--for", "region:410883"]
    static let cityExpert = ["--actor", "city-expert-1", "--role", "city-expert", "--for", "region:410800"]
    static let otherCityExpert = ["--actor", "city-expert-2", "--role", "city-expert", "--for", "region:410800"]

    /// Runs `assay` in `folder`, the case commands with times in Beijing.
    static func assay(_ arguments: [String], in folder: URL) throws -> ProcessResult {
        let zone = ["case", "tick"].contains(arguments.first) ? ["--time-zone", "Asia/Shanghai"] : []
        return try AssayCommand.run(arguments + zone, in: folder)
    }

    /// Takes `action` and expects it to be written.
    static func take(_ action: String, _ actor: [String], _ inputs: [String] = [], at time: String, in folder: URL) throws {
        let result = try assay(["case", "take", "bs/1", action] + actor + inputs.flatMap { ["--input", $0] } + ["--at", time], in: folder)
        #expect(result.status == 0, "\(action): \(result.errors)")
        #expect(result.output.hasPrefix("took \(action)\n"))
    }

    /// Takes `action`, expects a refusal that says `reason`, and that nothing was written.
    static func refuse(_ action: String, _ actor: [String], _ inputs: [String] = [], reason: String, in folder: URL) throws {
        let before = try assay(["verify"], in: folder).output
        let result = try assay(["case", "take", "bs/1", action] + actor + inputs.flatMap { ["--input", $0] } + ["--at", "2022-06-01T09:00"], in: folder)
        #expect(result.status == 1, "\(action)")
        #expect(result.errors == "error: refused: \(reason)\n")
        #expect(try assay(["verify"], in: folder).output == before)
    }

    @Test("a basic-standard review from application to an achieved standard, refusals and a passed deadline included")
    func wholeReview() throws {
        let folder = try OperatorTests.emptyFolder()
        let opened = try Self.assay(["case", "open", "bs/1", "--flow", "basic-standard", "--institution", "410883-002", "--at", "2022-03-01T09:00"] + Self.institution, in: folder)
        #expect(opened.status == 0, "\(opened.errors)")
        #expect(opened.output.contains("stage application since 2022-03-01T09:00:00+08:00, version 1"))
        #expect(opened.output.contains("  ✓ submit → initial-review (inputs: self-assessment)"))

        try Self.take("submit", Self.institution, ["self-assessment=自评达标"], at: "2022-03-01T10:00", in: folder)
        try Self.refuse("initial-pass", Self.institution, ["decision=pass"], reason: "action 'initial-pass' is for role 'county-expert', not 'institution'", in: folder)
        try Self.refuse("initial-pass", ["--actor", "county-expert-1@410882", "--role", "county-expert", "--for", "region:410882"], ["decision=pass"],
                        reason: "action 'initial-pass' must be taken at county level over 会昌社区卫生服务中心 (410883); county-expert-1@410882 (county-expert, county 410882) does not act there", in: folder)
        try Self.refuse("onsite-pass", Self.cityExpert, ["decision=pass"],
                        reason: "action 'onsite-pass' cannot be taken in stage 'initial-review'; available there: initial-pass, initial-return", in: folder)
        try Self.refuse("initial-pass", Self.countyExpert, ["decision=fail"],
                        reason: "action 'initial-pass' is not allowed: decision-is-pass failed: the decision is fail, not pass", in: folder)

        let shown = try Self.assay(["case", "show", "bs/1"] + Self.coordinator, in: folder)
        #expect(shown.output.contains("  ✗ initial-pass → city-referral: action 'initial-pass' is for role 'county-expert', not 'county-coordinator'"))

        try Self.take("initial-pass", Self.countyExpert, ["decision=pass"], at: "2022-03-08T09:00", in: folder)
        try Self.take("refer-to-city", Self.coordinator, at: "2022-03-11T09:00", in: folder)
        try Self.take("onsite-fail", Self.cityExpert, ["decision=fail", "opinion=慢病管理指标未达标"], at: "2022-03-20T09:00", in: folder)
        try Self.take("appeal", Self.institution, ["grounds=指标统计口径有误"], at: "2022-03-25T09:00", in: folder)
        try Self.refuse("appeal-upheld", Self.cityExpert, ["decision=pass"],
                        reason: "city-expert-1 took 'onsite-fail' on this case, so cannot take 'appeal-upheld'; another person must decide", in: folder)
        try Self.take("appeal-upheld", Self.otherCityExpert, ["decision=pass", "opinion=复核后达标"], at: "2022-04-01T09:00", in: folder)
        try Self.take("onsite-pass", Self.otherCityExpert, ["decision=pass"], at: "2022-04-15T09:00", in: folder)

        let achieved = try Self.assay(["case", "list", "--stage", "achieved", "--region", "410800"], in: folder)
        #expect(achieved.output == "bs/1  achieved  会昌社区卫生服务中心 (410883)\n1 case\n")

        // A second case whose appeal window closes at a tick.
        let second = try Self.assay(["case", "open", "bs/2", "--flow", "basic-standard", "--institution", "X-1", "--institution-name", "示例卫生院",
                                "--region", "410821", "--actor", "staff@X-1", "--role", "institution", "--for", "institution:X-1", "--at", "2022-03-01T09:00"], in: folder)
        #expect(second.status == 0, "\(second.errors)")
        let expert = ["--actor", "county-expert-1@410821", "--role", "county-expert", "--for", "region:410821"]
        for (action, actor, inputs, time) in [("submit", ["--actor", "staff@X-1", "--role", "institution", "--for", "institution:X-1"], ["self-assessment=s"], "2022-03-02T09:00"),
                                              ("initial-pass", expert, ["decision=pass"], "2022-03-03T09:00"),
                                              ("refer-to-city", ["--actor", "c@410821", "--role", "county-coordinator", "--for", "region:410821"], [], "2022-03-04T09:00"),
                                              ("onsite-fail", Self.cityExpert, ["decision=fail", "opinion=o"], "2022-03-05T09:00")] {
            let result = try Self.assay(["case", "take", "bs/2", action] + actor + inputs.flatMap { ["--input", $0] } + ["--at", time], in: folder)
            #expect(result.status == 0, "\(action): \(result.errors)")
        }
        let overdue = try Self.assay(["case", "list", "--overdue", "--now", "2022-03-30"], in: folder)
        #expect(overdue.output == "bs/2  appeal-window  示例卫生院 (410821)  appeal-window-closed due 2022-03-20T09:00:00+08:00 (overdue)\n1 case\n")
        let tick = try Self.assay(["tick", "--now", "2022-03-30T09:00"], in: folder)
        #expect(tick.output == "bs/2  appeal-window-closed: appeal-window → not-achieved  at 2022-03-30T09:00:00+08:00\n1 deadline passed by 2022-03-30T09:00:00+08:00\n")
        #expect(try Self.assay(["tick", "--now", "2022-03-30T09:00"], in: folder).output == "0 deadlines passed by 2022-03-30T09:00:00+08:00\n")

        let json = try Self.assay(["case", "show", "bs/2", "--format", "json"], in: folder)
        let document = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(document?["stage"] as? String == "not-achieved")

        let verify = try Self.assay(["verify"], in: folder)
        #expect(verify.output.hasPrefix("14 events in 2 cases, 1 definition, 0 checkpoints: verified"))
        #expect(try Self.assay(["replay", "--all"], in: folder).output == "2 cases, 14 events replayed: every decision follows from the rules\n")
    }
}
