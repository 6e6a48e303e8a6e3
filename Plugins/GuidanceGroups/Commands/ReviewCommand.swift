import ArgumentParser
import AssayCore
import PluginCommandLine
import Foundation

/// `assay review`: an expert group scores a case's checklist.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay review",
        abstract: "Form an expert group on a case, record its answers and resolutions, and show the scored checklist.",
        discussion: "The on-site actions' guards (checklist-meets-basic and the like) read the group's result, recomputed from the answers at every decision.",
        subcommands: [ReviewForm.self, ReviewAnswer.self, ReviewResolve.self, ReviewShow.self, ReviewImport.self]
    )

    static let pluginCommand = pluginCommand(named: "review")
}

/// `assay review form`.
struct ReviewForm: PluginSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "form",
        abstract: "Form the expert group that scores a case; a new group starts a new review round.",
        discussion: "The checklist is the last edition stored in the log, or the built-in one (stored now). Its hash is pinned on the round, so later editions do not change how this round is scored."
    )

    @OptionGroup var acting: ActingOptions
    @Argument(help: "The case.") var caseID: String
    @Option(help: "The checklist the group scores, such as township-health-centre.") var checklist: String
    @Option(help: "The group's leader (组长), one of the members.") var leader: String
    @Option(name: .customLong("member"), help: "A member; repeat for each (the leader included or not).") var members: [String] = []

    func run(_ context: PluginCommand.Context) async throws -> String {
        let state = try await context.caseState(caseID)
        let (checklist, hash) = try await context.checklist(checklist, storingBy: acting)
        if let type = state.institution.type, !checklist.institutionTypes.contains(type) {
            throw CommandRefusal("checklist \(checklist.id) is for \(checklist.institutionTypes.map(\.rawValue).joined(separator: ", ")); \(state.institution.name) is a \(type)")
        }
        let everyone = members.contains(leader) ? members : [leader] + members
        let group = GroupFormed(checklist: hash, members: everyone, leader: leader)
        if let problem = group.problem { throw CommandRefusal("the group cannot be formed: \(problem)") }
        let round = (try await context.guidance().rounds[state.id]?.count ?? 0) + 1
        try await context.record(RecordType.group, group, about: state.id, by: acting)
        return "formed the group of case \(caseID), round \(round): leader \(leader); members \(everyone.joined(separator: ", "))\n"
            + "it scores checklist \(checklist.name) (\(checklist.items.count) items), sha256 \(hash)"
    }
}

/// Checks an answer against the case's current round before it is written.
struct AnswerCheck {
    let round: ReviewRound
    let checklist: Checklist
    let item: ChecklistItem

    init(_ context: PluginCommand.Context, case state: CaseState, item itemID: String, answer: AnswerValue) async throws {
        try await context.requireChecklistStage(state)
        let guidance = try await context.guidance()
        guard let round = guidance.currentRound(of: state.id) else {
            throw CommandRefusal("no expert group has been formed for case \(state.id); form one with `assay review form`")
        }
        guard let checklist = guidance.checklists[round.group.checklist] else {
            throw CommandRefusal("the group's checklist \(round.group.checklist) is not stored in the log")
        }
        guard let item = checklist.item(itemID) else {
            throw CommandRefusal("checklist \(checklist.name) has no item \(itemID); see `assay checklist show \(checklist.id)`")
        }
        guard item.applies(to: state.institution.type) else {
            throw CommandRefusal("item \(itemID) does not apply to a \(state.institution.type?.rawValue ?? "institution of this type")")
        }
        if let problem = item.problem(with: answer) { throw CommandRefusal(problem) }
        self.round = round
        self.checklist = checklist
        self.item = item
    }
}

/// Evidence options, shared by answers and resolutions.
struct AnswerOptions: ParsableArguments {
    @Option(help: "A note: the finding, or the reason for n/a.") var note: String?
    @Option(name: .customLong("photo"), help: "A photo's SHA-256; repeat for each.") var photos: [String] = []
    @Option(name: .customLong("document"), help: "A document's SHA-256; repeat for each.") var documents: [String] = []

    func validate() throws {
        for hash in photos + documents where !Evidence.isSHA256(hash) {
            throw ValidationError("'\(hash)' is not a SHA-256 (64 lowercase hex digits); compute it with sha256sum")
        }
    }

    func answer(_ value: String) -> AnswerValue {
        AnswerValue(value: value, note: note, evidence: photos.map { Evidence(kind: .photo, sha256: $0) } + documents.map { Evidence(kind: .document, sha256: $0) })
    }
}

/// `assay review answer`.
struct ReviewAnswer: PluginSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "answer",
        abstract: "Record a member's answer to one item; a new answer by the same member replaces the last."
    )

    @OptionGroup var acting: ActingOptions
    @OptionGroup var options: AnswerOptions
    @Argument(help: "The case.") var caseID: String
    @Argument(help: "The item, such as 2.1.3.") var item: String
    @Argument(help: "The value: yes or no, a level, a number, an option, text, or n/a (with a --note giving the reason).") var value: String

    func run(_ context: PluginCommand.Context) async throws -> String {
        let state = try await context.caseState(caseID)
        let answer = options.answer(value)
        let check = try await AnswerCheck(context, case: state, item: item, answer: answer)
        guard check.round.hasMember(acting.id) else {
            throw CommandRefusal("\(acting.id) is not in the group of case \(caseID) (round \(check.round.number)): \(check.round.group.members.joined(separator: ", "))")
        }
        try await context.record(RecordType.answer, ItemAnswer(item: item, answer: answer), about: state.id, by: acting)
        let met = value == AnswerValue.notApplicable ? "n/a" : (check.item.evaluate(value).met ? "met" : "not met")
        return "recorded \(acting.id)'s answer to \(item): \(value) (\(met))"
    }
}

/// `assay review resolve`.
struct ReviewResolve: PluginSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "As the group's leader, settle an item the members disagree on, with a reason."
    )

    @OptionGroup var acting: ActingOptions
    @OptionGroup var options: AnswerOptions
    @Argument(help: "The case.") var caseID: String
    @Argument(help: "The item.") var item: String
    @Argument(help: "The group's value.") var value: String
    @Option(help: "Why the group settles on this value.") var reason: String

    func run(_ context: PluginCommand.Context) async throws -> String {
        let state = try await context.caseState(caseID)
        let answer = options.answer(value)
        let check = try await AnswerCheck(context, case: state, item: item, answer: answer)
        guard check.round.group.leader == acting.id else {
            throw CommandRefusal("only the group's leader, \(check.round.group.leader), resolves a disagreement")
        }
        guard !reason.isEmptyText else { throw CommandRefusal("a resolution needs a reason") }
        try await context.record(RecordType.resolution, ItemResolution(item: item, answer: answer, reason: reason), about: state.id, by: acting)
        return "resolved \(item) for the group: \(value)"
    }
}

/// `assay review show`.
struct ReviewShow: PluginSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a case's scored checklist: the result per tier, each member's, the disagreements, and every item."
    )

    @Argument(help: "The case.") var caseID: String
    @Option(help: "The review round (default: the current one).") var round: Int?

    func run(_ context: PluginCommand.Context) async throws -> String {
        let state = try await context.caseState(caseID)
        let guidance = try await context.guidance()
        let rounds = guidance.rounds[state.id] ?? []
        guard let chosen = round.map({ number in rounds.first { $0.number == number } }) ?? rounds.last else {
            throw CommandRefusal(rounds.isEmpty ? "no expert group has been formed for case \(caseID)" : "case \(caseID) has rounds 1 to \(rounds.count)")
        }
        guard let score = guidance.score(chosen, for: state.institution.type) else {
            throw CommandRefusal("the group's checklist \(chosen.group.checklist) is not stored in the log")
        }
        return ScoredChecklistReport(score, case: state).text
    }
}

/// `assay review import`.
struct ReviewImport: PluginSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import completed field forms (ODK Central or KoboToolbox CSV or JSON export) as the group's answers.",
        discussion: "Every row is checked first; a submission made on another checklist edition, for another case, by someone outside the group, or with a value an item does not take is refused by row and column, and nothing is written. The answers are recorded as the submitting experts', in the role and jurisdiction given."
    )

    @OptionGroup var acting: ActingOptions
    @Argument(help: "The case.") var caseID: String
    @Argument(help: "The export: .csv or .json.") var file: String
    @Option(help: "The folder of the export's photos and documents (default: media/ beside the file).") var media: String?

    func run(_ context: PluginCommand.Context) async throws -> String {
        guard let data = FileManager.default.contents(atPath: file) else { throw PluginUsageError("cannot read \(file): no such file") }
        let state = try await context.caseState(caseID)
        try await context.requireChecklistStage(state)
        let guidance = try await context.guidance()
        guard let round = guidance.currentRound(of: state.id), let checklist = guidance.checklists[round.group.checklist] else {
            throw CommandRefusal("no expert group has been formed for case \(caseID); form one with `assay review form`")
        }
        let folder = media.map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("media")
        let submissions = try Submissions(data, file: file)
        let (answers, problems) = submissions.answers(for: state, round: round, checklist: checklist, media: folder)
        guard problems.isEmpty else {
            throw CommandRefusal("\(file): nothing was imported; \(counted(problems.count, "problem")):\n" + problems.map { "  \($0)" }.joined(separator: "\n"))
        }
        guard !answers.isEmpty else { throw CommandRefusal("\(file) holds no answers") }
        let records = try answers.map { expert, answer in
            PluginRecord(plugin: GuidanceGroups.name, type: RecordType.answer, by: Actor(id: expert, role: acting.role, jurisdiction: acting.actor.jurisdiction),
                         value: try RecordValue(encoding: answer))
        }
        try await context.engine().record(records, about: state.id, at: acting.date)
        let experts = Set(answers.map(\.expert)).sorted()
        return "imported \(counted(answers.count, "answer")) from \(counted(submissions.rows.count, "submission")) by \(experts.joined(separator: ", "))"
    }
}
