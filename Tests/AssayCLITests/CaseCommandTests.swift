import AssayCore
import AssayDemo
import AssayTestSupport
import Foundation
import GuidanceGroups
import RegistrationAudit
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

    /// The city coordinator, who forms the expert groups.
    static let cityCoordinator = ["--actor", "commission@410800", "--role", "city-coordinator", "--for", "region:410800"]

    /// Runs a plugin command (`assay review …`, `assay rectification …`) and expects it to succeed.
    @discardableResult
    static func record(_ arguments: [String], in folder: URL) throws -> String {
        let result = try assay(arguments, in: folder)
        #expect(result.status == 0, "\(arguments.prefix(2)): \(result.errors)")
        return result.output
    }

    /// Writes the submissions of `experts` on the case's current checklist as ODK Central exports
    /// them, every applicable item met except `findings` (item → value, note, and the file of the
    /// photo or document the finding needs); returns the CSV's path.
    static func submissions(_ caseID: String, checklist id: String, type: InstitutionType, hash: String, experts: [String],
                            findings: [String: (String, String, String?)] = [:], in folder: URL) throws -> String {
        let checklist = try BuiltInData.file(kind: "checklist", id: id).content.decode(as: Checklist.self)
        let items = checklist.items.filter { $0.applies(to: type) }
        var header = ["checklist", "case", "expert"]
        for item in items {
            let name = "i_" + item.id.replacingOccurrences(of: ".", with: "_")
            header += ["g-\(name)", "g-\(name)_note", "g-\(name)_photo", "g-\(name)_document"]
        }
        var lines = [header.joined(separator: ",")]
        for expert in experts {
            var row = [hash, caseID, expert]
            for item in items {
                if let (value, note, file) = findings[item.id] {
                    let asPhoto = item.notMetNeeds.contains(.photo)
                    row += [value, note, asPhoto ? file ?? "" : "", asPhoto ? "" : file ?? ""]
                } else {
                    row += [DemoReview.met(item).value, "", item.kind == .evidence ? "site.jpg" : "", ""]
                }
            }
            lines.append(row.joined(separator: ","))
        }
        let media = folder.appendingPathComponent("media")
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
        for photo in ["site.jpg", "waste.jpg", "licence.pdf"] { try Data("photo \(photo)".utf8).write(to: media.appendingPathComponent(photo)) }
        let file = folder.appendingPathComponent("\(caseID.replacingOccurrences(of: "/", with: "-"))-\(UUID().uuidString).csv")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        return file.path
    }

    /// The hash of the checklist the case's current group scores, as `assay review form` printed it.
    static func formGroup(_ caseID: String, checklist: String, leader: String, members: [String], reason: String? = nil, at time: String,
                          in folder: URL) throws -> String {
        let formed = try record(["review", "form", caseID, "--checklist", checklist, "--leader", leader] + members.flatMap { ["--member", $0] }
                                + (reason.map { ["--reason", $0] } ?? []) + cityCoordinator + ["--at", time], in: folder)
        return String(formed.split(separator: " ").last ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The directory the walkthrough imports, as the coordinators keep it (the layout of
    /// `shared/assignment`): Jiaozuo's two institutions of these tests and the city group of two
    /// experts who review them on site. Returns the folder's path.
    static func directory(in folder: URL) throws -> String {
        let files = [
            "regions.csv": "code,level,name,parent_code\n410000,province,河南省,\n410800,city,焦作市,410000\n410802,county,解放区,410800\n410821,county,修武县,410800\n410883,county,孟州市,410800\n",
            "institutions.csv": "institution_id,county_code,name,type\n410883-002,410883,会昌社区卫生服务中心,community-health-service-centre\nX-1,410821,示例卫生院,township-health-centre\n",
            "experts.csv": "expert_id,home_county,home_institution,level,specialties,capacity\ncity-expert-1,410802,,city,clinical,6\ncity-expert-2,410802,,city,nursing,6\n",
            "groups.csv": "group_id,level,covers,members\nG410800,city,410821;410883,city-expert-1;city-expert-2\n",
            "conflicts.csv": "expert_id,institution_id\n",
        ]
        let directory = folder.appendingPathComponent("directory")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: directory.appendingPathComponent(name)) }
        return directory.path
    }

    /// Writes the registrations of `institutions` as a commission keeps them, one a row; returns
    /// the CSV's path.
    static func registrations(_ institutions: [Institution], in folder: URL) throws -> String {
        let rules = try BuiltInRules.rules()
        var lines = [BatchAudit.columns.joined(separator: ",")]
        for institution in institutions {
            let r = DemoRegistrations.registration(of: institution, rules: rules)
            lines.append([institution.id, r.code, r.name, r.category, r.county, r.ownership, r.nature, r.legalPerson ? "yes" : "no",
                          r.practiceSubjects.joined(separator: ";")].joined(separator: ","))
        }
        let file = folder.appendingPathComponent("registrations.csv")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        return file.path
    }

    @Test("a basic-standard review from application to an achieved standard, scored by expert groups from the shell, refusals and a passed deadline included")
    func wholeReview() throws {
        let folder = try OperatorTests.emptyFolder()
        let registered = try Self.registrations([try #require(Jiaozuo.institutions.first { $0.id == "410883-002" }),
                                                 Institution(id: "X-1", name: "示例卫生院", region: RegionCode("410821")!, type: .townshipHealthCentre)], in: folder)
        // Auditing alone needs no one to record it; recording needs who records.
        let dryRun = try Self.assay(["registration", "audit", registered], in: folder)
        #expect(dryRun.status == 0, "\(dryRun.errors)")
        #expect(dryRun.output.hasSuffix("2 rows: 2 compliant, 0 not\n"), "\(dryRun.output)")
        let anonymous = try Self.assay(["registration", "audit", registered, "--record"], in: folder)
        #expect(anonymous.status == 2)
        #expect(anonymous.errors.hasPrefix("error: --record needs who records it: give --actor, --role, --for"), "\(anonymous.errors)")
        try Self.record(["directory", "import", try Self.directory(in: folder)] + Self.cityCoordinator + ["--at", "2022-02-01T09:00:00+08:00"], in: folder)
        let audited = try Self.assay(["registration", "audit", registered, "--record"] + Self.cityCoordinator + ["--at", "2022-02-01T09:00:00+08:00"], in: folder)
        #expect(audited.status == 0, "\(audited.errors)")
        #expect(audited.output.hasSuffix("2 rows: 2 compliant, 0 not\nrecorded 2 audits\n"), "\(audited.output)")
        let opened = try Self.assay(["case", "open", "bs/1", "--flow", "basic-standard", "--institution", "410883-002", "--at", "2022-03-01T09:00"] + Self.institution, in: folder)
        #expect(opened.status == 0, "\(opened.errors)")
        #expect(opened.output.contains("stage application since 2022-03-01T09:00:00+08:00, version 1"))
        #expect(opened.output.contains("  ✓ submit → initial-review (inputs: self-assessment)"))

        try Self.take("submit", Self.institution, ["self-assessment=自评达标"], at: "2022-03-01T10:00", in: folder)
        try Self.refuse("initial-pass", Self.institution, ["decision=pass"], reason: "action 'initial-pass' is for role 'county-expert', not 'institution'", in: folder)
        try Self.refuse("initial-pass", ["--actor", "county-expert-1@410882", "--role", "county-expert", "--for", "region:410882"], ["decision=pass"],
                        reason: "action 'initial-pass' must be taken at county level over 会昌社区卫生服务中心 (410883); county-expert-1@410882 (county-expert, county 410882) does not act there", in: folder)
        try Self.refuse("onsite-pass", Self.cityExpert,
                        reason: "action 'onsite-pass' cannot be taken in stage 'initial-review'; available there: initial-pass, initial-return", in: folder)
        try Self.refuse("initial-pass", Self.countyExpert, ["decision=fail"],
                        reason: "action 'initial-pass' is not allowed: decision-is-pass failed: the decision is fail, not pass", in: folder)

        let shown = try Self.assay(["case", "show", "bs/1"] + Self.coordinator, in: folder)
        #expect(shown.output.contains("  ✗ initial-pass → city-referral: action 'initial-pass' is for role 'county-expert', not 'county-coordinator'"))

        try Self.take("initial-pass", Self.countyExpert, ["decision=pass"], at: "2022-03-08T09:00", in: folder)
        try Self.take("refer-to-city", Self.coordinator, at: "2022-03-11T09:00", in: folder)
        try Self.refuse("onsite-fail", Self.cityExpert, ["opinion=o"],
                        reason: "action 'onsite-fail' is not allowed: assigned-reviewer failed: case bs/1 has no review team assigned for its stay at onsite-review; a coordinator assigns one with `assay assign`; group-leader failed: no expert group has been formed for case bs/1; form one with `assay review form`; checklist-short-of-basic failed: no expert group has been formed for case bs/1; form one with `assay review form`", in: folder)

        // The coordinator assigns the team; a group without it is refused.
        let assigned = try Self.record(["assign"] + Self.cityCoordinator + ["--at", "2022-03-18T09:00:00+08:00"], in: folder)
        #expect(assigned.hasSuffix("  bs/1 会昌社区卫生服务中心: clinical city-expert-1, care city-expert-2\n"), "\(assigned)")
        let withoutTeam = try Self.assay(["review", "form", "bs/1", "--checklist", "community-health-service-centre", "--leader", "city-expert-1",
                                          "--member", "county-expert-2@410883"] + Self.cityCoordinator + ["--at", "2022-03-19T09:00:00+08:00"], in: folder)
        #expect(withoutTeam.errors == "error: refused: the group of case bs/1 must include the team assigned to it (assignment 2022-03-1); it leaves out city-expert-2\n")

        // The team and a county expert score the centre's checklist: they submit field forms, one
        // of them finds infection control (a critical item) not met, another changes an answer.
        let hash = try Self.formGroup("bs/1", checklist: "community-health-service-centre", leader: "city-expert-1", members: ["city-expert-2", "county-expert-2@410883"],
                                      at: "2022-03-19T09:00:00+08:00", in: folder)
        let submissions = try Self.submissions("bs/1", checklist: "community-health-service-centre", type: .communityHealthServiceCentre, hash: hash,
                                               experts: ["city-expert-1", "city-expert-2", "county-expert-2@410883"],
                                               findings: ["2.9": ("no", "医疗废物暂存间未分类", "waste.jpg")], in: folder)
        let imported = try Self.record(["review", "import", "bs/1", submissions] + Self.cityExpert + ["--at", "2022-03-19T17:00:00+08:00"], in: folder)
        #expect(imported.hasPrefix("imported 162 answers from 3 submissions by city-expert-1, city-expert-2, county-expert-2@410883"), "\(imported)")
        try Self.record(["review", "answer", "bs/1", "2.8", "C", "--note", "分级护理记录不全"] + ["--actor", "county-expert-2@410883", "--role", "county-expert", "--for", "region:410883",
                         "--at", "2022-03-19T18:00:00+08:00"], in: folder)
        let incomplete = try Self.assay(["review", "show", "bs/1"], in: folder)
        #expect(incomplete.output.contains("incomplete: 1 disagreement unresolved (2.8: A by city-expert-1, A by city-expert-2, C by county-expert-2@410883)"), "\(incomplete.output)")
        let notLeader = try Self.assay(["review", "resolve", "bs/1", "2.8", "B", "--reason", "r", "--actor", "county-expert-2@410883", "--role", "county-expert",
                                        "--for", "region:410883"], in: folder)
        #expect(notLeader.status == 1)
        #expect(notLeader.errors == "error: refused: only the group's leader, city-expert-1, resolves a disagreement\n")
        try Self.record(["review", "resolve", "bs/1", "2.8", "B", "--reason", "抽查病区分级护理总体落实"] + Self.cityExpert + ["--at", "2022-03-19T19:00:00+08:00"], in: folder)
        let scored = try Self.assay(["review", "show", "bs/1"], in: folder)
        #expect(scored.output.contains("★ basic: not met — critical item 2.9 not met"), "\(scored.output)")
        #expect(scored.output.contains("2.8: A by city-expert-1, A by city-expert-2, C by county-expert-2@410883 → B (city-expert-1: 抽查病区分级护理总体落实)"))

        try Self.refuse("onsite-pass", Self.cityExpert, [],
                        reason: "action 'onsite-pass' is not allowed: checklist-meets-basic failed: checklist community-health-service-centre 2023, round 1: the basic standard is not met — critical item 2.9 not met", in: folder)
        try Self.take("onsite-fail", Self.cityExpert, ["opinion=院感关键项未达标"], at: "2022-03-20T09:00", in: folder)
        try Self.take("appeal", Self.institution, ["grounds=已当场整改，申请复核"], at: "2022-03-25T09:00", in: folder)
        try Self.refuse("appeal-upheld", Self.cityExpert, ["decision=pass"],
                        reason: "city-expert-1 took 'onsite-fail' on this case, so cannot take 'appeal-upheld'; another person must decide", in: folder)
        try Self.take("appeal-upheld", Self.otherCityExpert, ["decision=pass", "opinion=重新现场复核"], at: "2022-04-01T09:00", in: folder)

        // Back at the on-site review, the case needs a team for this stay; a new group reviews
        // again and finds everything met.
        try Self.record(["assign"] + Self.cityCoordinator + ["--at", "2022-04-13T09:00:00+08:00"], in: folder)
        let again = try Self.formGroup("bs/1", checklist: "community-health-service-centre", leader: "city-expert-2", members: ["city-expert-1", "county-expert-3@410883"],
                                       reason: "申诉成立，另组专家重新现场复核", at: "2022-04-14T09:00:00+08:00", in: folder)
        let second = try Self.submissions("bs/1", checklist: "community-health-service-centre", type: .communityHealthServiceCentre, hash: again,
                                          experts: ["city-expert-2", "city-expert-1", "county-expert-3@410883"], in: folder)
        try Self.record(["review", "import", "bs/1", second] + Self.otherCityExpert + ["--at", "2022-04-14T17:00:00+08:00"], in: folder)
        try Self.take("onsite-pass", Self.otherCityExpert, at: "2022-04-15T09:00", in: folder)

        let achieved = try Self.assay(["case", "list", "--stage", "achieved", "--region", "410800"], in: folder)
        #expect(achieved.output == "bs/1  achieved  会昌社区卫生服务中心 (410883)\n1 case\n")
        // Round 1's shortfall is in the archive, to be rectified.
        let archive = try Self.assay(["rectification", "show", "bs/1"], in: folder)
        #expect(archive.output.hasPrefix("rectification archive of case bs/1 · 会昌社区卫生服务中心: 1 item, 1 open\n  round 1 · 2.9 "), "\(archive.output)")

        // A second case whose appeal window closes at a tick.
        let bs2 = try Self.assay(["case", "open", "bs/2", "--flow", "basic-standard", "--institution", "X-1", "--institution-name", "示例卫生院",
                                  "--region", "410821", "--actor", "staff@X-1", "--role", "institution", "--for", "institution:X-1", "--at", "2022-03-01T09:00"], in: folder)
        #expect(bs2.status == 0, "\(bs2.errors)")
        let expert = ["--actor", "county-expert-1@410821", "--role", "county-expert", "--for", "region:410821"]
        for (action, actor, inputs, time) in [("submit", ["--actor", "staff@X-1", "--role", "institution", "--for", "institution:X-1"], ["self-assessment=s"], "2022-03-02T09:00"),
                                              ("initial-pass", expert, ["decision=pass"], "2022-03-03T09:00"),
                                              ("refer-to-city", ["--actor", "c@410821", "--role", "county-coordinator", "--for", "region:410821"], [], "2022-03-04T09:00")] {
            let result = try Self.assay(["case", "take", "bs/2", action] + actor + inputs.flatMap { ["--input", $0] } + ["--at", time], in: folder)
            #expect(result.status == 0, "\(action): \(result.errors)")
        }
        // A township health centre (its name says so) is scored on the township checklist.
        let wrongChecklist = try Self.assay(["review", "form", "bs/2", "--checklist", "community-health-service-centre", "--leader", "city-expert-1",
                                             "--member", "city-expert-2"] + Self.cityCoordinator, in: folder)
        #expect(wrongChecklist.status == 1)
        #expect(wrongChecklist.errors == "error: refused: checklist community-health-service-centre is for community-health-service-centre; 示例卫生院 is a township-health-centre\n")
        try Self.record(["assign"] + Self.cityCoordinator + ["--at", "2022-03-04T11:00:00+08:00"], in: folder)
        let township = try Self.formGroup("bs/2", checklist: "township-health-centre", leader: "city-expert-1", members: ["city-expert-2"],
                                          at: "2022-03-04T12:00:00+08:00", in: folder)
        let failing = try Self.submissions("bs/2", checklist: "township-health-centre", type: .townshipHealthCentre, hash: township,
                                           experts: ["city-expert-1", "city-expert-2"], findings: ["1.1": ("no", "执业许可证过期", "licence.pdf")], in: folder)
        try Self.record(["review", "import", "bs/2", failing] + Self.cityExpert + ["--at", "2022-03-04T17:00:00+08:00"], in: folder)
        let onsiteFail = try Self.assay(["case", "take", "bs/2", "onsite-fail"] + Self.cityExpert + ["--input", "opinion=o", "--at", "2022-03-05T09:00"], in: folder)
        #expect(onsiteFail.status == 0, "\(onsiteFail.errors)")
        let overdue = try Self.assay(["case", "list", "--overdue", "--now", "2022-03-30"], in: folder)
        #expect(overdue.output == "bs/2  appeal-window  示例卫生院 (410821)  appeal-window-closed due 2022-03-20T09:00:00+08:00 (overdue)\n1 case\n")
        let tick = try Self.assay(["tick", "--now", "2022-03-30T09:00"], in: folder)
        #expect(tick.output == "bs/2  appeal-window-closed: appeal-window → not-achieved  at 2022-03-30T09:00:00+08:00\n1 deadline passed by 2022-03-30T09:00:00+08:00\n")
        #expect(try Self.assay(["tick", "--now", "2022-03-30T09:00"], in: folder).output == "0 deadlines passed by 2022-03-30T09:00:00+08:00\n")

        // Applying again waits until the shortfall is rectified and verified.
        let staff = ["--actor", "staff@X-1", "--role", "institution", "--for", "institution:X-1"]
        let early = try Self.assay(["case", "take", "bs/2", "reapply"] + staff + ["--input", "rectification-report=r", "--at", "2022-04-01T09:00"], in: folder)
        #expect(early.status == 1)
        #expect(early.errors == "error: refused: action 'reapply' is not allowed: rectification-closed failed: 1 rectification item open: 1.1 of round 1 (no measure planned)\n")
        try Self.record(["rectification", "plan", "bs/2", "1.1", "--measure", "换发执业许可证", "--responsible", "院长", "--deadline", "2022-04-30"]
                        + staff + ["--at", "2022-04-02T09:00:00+08:00"], in: folder)
        try Self.record(["rectification", "verify", "bs/2", "1.1", "--note", "新证已核验"] + expert + ["--at", "2022-04-20T09:00:00+08:00"], in: folder)
        try Self.record(["rectification", "guidance", "X-1", "--unit", "县人民医院", "--helper", "lead-unit", "--topics", "执业登记", "--note", "指导换证"]
                        + ["--actor", "hospital@410821", "--role", "lead-unit", "--for", "region:410821", "--at", "2022-04-10T09:00:00+08:00"], in: folder)
        let reapplied = try Self.assay(["case", "take", "bs/2", "reapply"] + staff + ["--input", "rectification-report=r", "--at", "2022-04-21T09:00"], in: folder)
        #expect(reapplied.status == 0, "\(reapplied.errors)")
        let rectified = try Self.assay(["rectification", "show", "bs/2"], in: folder)
        #expect(rectified.output.contains("round 1 · 1.1 持有有效的《医疗机构执业许可证》，执业登记与实际相符: closed by county-expert-1@410821"))
        #expect(rectified.output.contains("guidance records of 示例卫生院: 1\n"))

        let json = try Self.assay(["case", "show", "bs/2", "--format", "json"], in: folder)
        let document = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(document?["stage"] as? String == "initial-review")

        let verify = try Self.assay(["verify"], in: folder)
        #expect(verify.output.contains(" events in 2 cases, 1 definition, 0 checkpoints: verified"), "\(verify.output)")
        let replay = try Self.assay(["replay", "--all"], in: folder)
        #expect(replay.status == 0)
        #expect(replay.output.hasSuffix("every decision follows from the rules\n"))
    }
}
