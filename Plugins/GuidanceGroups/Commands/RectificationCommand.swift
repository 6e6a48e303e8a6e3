import ArgumentParser
import AssayCore
import PluginCommandLine

/// `assay rectification`: a case's rectification archive (整改档案) and the guidance records of
/// those who help the institution.
struct RectificationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay rectification",
        abstract: "Plan, report and verify the rectification of each shortfall a review found; record guidance visits.",
        discussion: "Each not-met item of a completed review is a rectification item. Resubmitting and rechecking are guarded (rectification-closed) until an expert has verified every item.",
        subcommands: [RectificationShow.self, RectificationPlanCommand.self, RectificationProgressCommand.self,
                      RectificationVerify.self, RectificationGuidance.self]
    )

    static let pluginCommand = pluginCommand(named: "rectification")
}

/// Finds a rectification item of a case before a record about it is written.
struct ItemLookup: ParsableArguments {
    @Argument(help: "The case.") var caseID: String
    @Argument(help: "The not-met item, such as 2.1.3.") var item: String
    @Option(help: "The review round that found it (default: the latest with this item).") var round: Int?

    func find(_ context: PluginCommand.Context) async throws -> (state: CaseState, item: RectificationItem) {
        let state = try await context.caseState(caseID)
        do {
            return (state, try await context.guidance().rectificationItem(item, round: round, of: state.id, for: state.institution.type))
        } catch let missing as MissingRectificationItem {
            throw CommandRefusal(missing.description)
        }
    }
}

/// `assay rectification show`.
struct RectificationShow: PluginSubcommand {
    /// It only reads: the store is opened read-only.
    static let readsOnly = true

    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a case's rectification archive and the institution's guidance records.", discussion: "Example:\n  assay rectification show bs/1")

    @Argument(help: "The case.") var caseID: String

    func run(_ context: PluginCommand.Context) async throws -> String {
        let state = try await context.caseState(caseID)
        let guidance = try await context.guidance(of: state)
        let archive = guidance.archive(of: state.id, for: state.institution.type)
        var lines = ["rectification archive of case \(caseID) · \(state.institution.name): \(counted(archive.count, "item")), \(archive.filter { !$0.isClosed }.count) open"]
        for entry in archive {
            lines.append("  round \(entry.round) · \(entry.item.id) \(entry.item.text.zh): \(entry.status(showing: context.time))")
            if let finding = entry.finding { lines.append("    found: \(finding.value)" + (finding.note.map { " — \($0)" } ?? "")) }
            if let plan = entry.plan { lines.append("    measure: \(plan.measure); responsible: \(plan.responsible); due \(plan.deadline)") }
            for report in entry.progress { lines.append("    progress \(context.time.show(report.at)) by \(report.by): \(report.note)") }
            if let closed = entry.closed { lines.append("    verified: \(closed.note)") }
        }
        let visits = guidance.guidance[state.institution.id] ?? []
        lines.append("guidance records of \(state.institution.name): \(visits.count)")
        for visit in visits {
            lines.append("  \(context.time.show(visit.at)) \(visit.visit.unit) (\(visit.visit.helper.rawValue)), by \(visit.by): \(visit.visit.topics) — \(visit.visit.note)")
        }
        return lines.joined(separator: "\n")
    }
}

/// `assay rectification plan`.
struct RectificationPlanCommand: PluginSubcommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "As the institution, set the measure, responsible person and deadline for a shortfall.", discussion: "Example:\n  assay rectification plan bs/1 3.8 --measure 建立随访台账 --responsible 公共卫生科科长 --deadline 2022-06-30 --actor staff@410882-001 --role institution --for institution:410882-001")

    @OptionGroup var acting: ActingOptions
    @OptionGroup var lookup: ItemLookup
    @Option(help: "What will be done.") var measure: String
    @Option(help: "Who is responsible.") var responsible: String
    @Option(help: "By when, YYYY-MM-DD.") var deadline: String

    func run(_ context: PluginCommand.Context) async throws -> String {
        let (state, found) = try await lookup.find(context)
        let plan = RectificationPlan(round: found.round, item: found.item.id, measure: measure, responsible: responsible, deadline: deadline)
        if let problem = plan.problem { throw CommandRefusal(problem) }
        try await context.record(RecordType.rectificationPlan, plan, about: state.id, by: acting)
        return "planned the rectification of \(found.item.id) (round \(found.round)), due \(deadline)"
    }
}

/// `assay rectification progress`.
struct RectificationProgressCommand: PluginSubcommand {
    static let configuration = CommandConfiguration(commandName: "progress", abstract: "As the institution, report progress on a shortfall.", discussion: "Example:\n  assay rectification progress bs/1 3.8 --note 台账已建立 --actor staff@410882-001 --role institution --for institution:410882-001")

    @OptionGroup var acting: ActingOptions
    @OptionGroup var lookup: ItemLookup
    @Option(help: "What has been done.") var note: String

    func run(_ context: PluginCommand.Context) async throws -> String {
        let (state, found) = try await lookup.find(context)
        guard !note.isEmptyText else { throw CommandRefusal("a progress report needs a note") }
        try await context.record(RecordType.rectificationProgress, RectificationNote(round: found.round, item: found.item.id, note: note), about: state.id, by: acting)
        return "reported progress on \(found.item.id) (round \(found.round))"
    }
}

/// `assay rectification verify`.
struct RectificationVerify: PluginSubcommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "As an expert, verify that a shortfall is rectified, closing it.", discussion: "Example:\n  assay rectification verify bs/1 3.8 --note 抽查随访记录10份，均规范 --actor county-expert-2@410882 --role county-expert --for region:410882")

    @OptionGroup var acting: ActingOptions
    @OptionGroup var lookup: ItemLookup
    @Option(help: "What was checked.") var note: String

    func run(_ context: PluginCommand.Context) async throws -> String {
        let (state, found) = try await lookup.find(context)
        guard !note.isEmptyText else { throw CommandRefusal("a verification needs a note of what was checked") }
        try await context.record(RecordType.rectificationVerified, RectificationNote(round: found.round, item: found.item.id, note: note), about: state.id, by: acting)
        return "closed \(found.item.id) (round \(found.round))"
    }
}

/// `assay rectification guidance`.
struct RectificationGuidance: PluginSubcommand {
    static let configuration = CommandConfiguration(commandName: "guidance", abstract: "Record a guidance visit (帮扶指导) to an institution by a lead unit or partner hospital.", discussion: "Example:\n  assay rectification guidance 410882-001 --unit 沁阳市人民医院 --helper lead-unit --topics 慢病管理 --note 指导建立随访台账 --actor doctor@lead --role city-expert --for region:410800")

    @OptionGroup var acting: ActingOptions
    @Argument(help: "The institution's id.") var institution: String
    @Option(help: "The unit that helped.") var unit: String
    @Option(help: "lead-unit or partner-hospital.") var helper: String
    @Option(help: "What was worked on.") var topics: String
    @Option(help: "What was done and agreed.") var note: String

    func run(_ context: PluginCommand.Context) async throws -> String {
        guard let kind = GuidanceVisit.Helper(rawValue: helper) else {
            throw PluginUsageError("--helper is lead-unit or partner-hospital, not '\(helper)'")
        }
        let subject = Subject(kind: "institution", id: institution)
        try await context.record(RecordType.guidance, GuidanceVisit(unit: unit, helper: kind, topics: topics, note: note), about: subject, by: acting)
        return "recorded a guidance visit to \(institution) by \(unit)"
    }
}
