import ArgumentParser
import AssayCore
import IntegrityRecords
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
        discussion: """
            The checklist is the last edition stored in the log, or the built-in one (stored now). Its hash is pinned on the round, so later editions do not change how this round is scored. Every member must be eligible to review the institution (no suspension, bar or conflict of interest), and a group after the case's first supersedes the last round, so it needs --reason.

            Example:
              assay review form bs/1 --checklist community-health-service-centre --leader city-expert-1 \\
                  --member county-expert-2@410883 --at 2022-03-19T09:00:00+08:00 \\
                  --actor commission@410800 --role city-coordinator --for region:410800
            """
    )

    @OptionGroup var acting: ActingOptions
    @Argument(help: "The case.") var caseID: String
    @Option(help: "The checklist the group scores, such as township-health-centre.") var checklist: String
    @Option(help: "The group's leader (组长), one of the members.") var leader: String
    @Option(name: .customLong("member"), help: "A member; repeat for each (the leader included or not).") var members: [String] = []
    @Option(help: "Why a new group supersedes the case's last round: an appeal, a recheck, a member replaced.") var reason: String?

    func run(_ context: PluginCommand.Context) async throws -> String {
        let state = try await context.caseState(caseID)
        let (checklist, hash, unstored) = try await context.checklist(checklist)
        let everyone = members.contains(leader) ? members : [leader] + members
        let group = GroupFormed(checklist: hash, members: everyone, leader: leader, reason: reason)
        let last = try await context.guidance().currentRound(of: state.id)
        let record = PluginRecord(plugin: GuidanceGroups.name, type: RecordType.group, by: acting.actor, value: try RecordValue(encoding: group))
        try await context.engine().record([SubjectRecord(subject: state.id, record: record)], storing: unstored.map { [$0] } ?? [],
                                          by: acting.actor, at: acting.date)
        let superseded = last.map { "it supersedes round \($0.number) (leader \($0.group.leader); \(counted($0.answerCount, "answer")) set aside): \(reason ?? "")\n" } ?? ""
        return "formed the group of case \(caseID), round \((last?.number ?? 0) + 1): leader \(leader); members \(everyone.joined(separator: ", "))\n"
            + superseded + "it scores checklist \(checklist.name) (\(checklist.items.count) items), sha256 \(hash)"
    }
}

/// Evidence options, shared by answers and resolutions.
struct AnswerOptions: ParsableArguments {
    @Option(help: "A note: the finding, or the reason for n/a.") var note: String?
    @Option(name: .customLong("photo"), help: "A photo's SHA-256; repeat for each.") var photos: [String] = []
    @Option(name: .customLong("document"), help: "A document's SHA-256; repeat for each.") var documents: [String] = []

    func validate() throws {
        for hash in photos + documents where !FileHash.isSHA256(hash) {
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
        abstract: "Record a member's answer to one item; a new answer by the same member replaces the last.", discussion: "Example:\n  assay review answer bs/1 2.8 C --note 分级护理记录不全 --actor county-expert-2@410883 --role county-expert --for region:410883"
    )

    @OptionGroup var acting: ActingOptions
    @OptionGroup var options: AnswerOptions
    @Argument(help: "The case.") var caseID: String
    @Argument(help: "The item, such as 2.1.3.") var item: String
    @Argument(help: "The value: yes or no, a level, a number, an option, text, or n/a (with a --note giving the reason).") var value: String

    func run(_ context: PluginCommand.Context) async throws -> String {
        let state = try await context.caseState(caseID)
        let answer = options.answer(value)
        try await context.record(RecordType.answer, ItemAnswer(item: item, answer: answer), about: state.id, by: acting)
        let checklistItem = try await context.currentChecklist(of: state.id)?.item(item)
        let met = value == AnswerValue.notApplicable ? "n/a" : (checklistItem?.evaluate(value).met == true ? "met" : "not met")
        return "recorded \(acting.id)'s answer to \(item): \(value) (\(met))"
    }
}

/// `assay review resolve`.
struct ReviewResolve: PluginSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "As the group's leader, settle an item the members disagree on, with a reason.", discussion: "Example:\n  assay review resolve bs/1 2.8 B --reason 抽查病区分级护理总体落实 --actor city-expert-1 --role city-expert --for region:410800"
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
        try await context.record(RecordType.resolution, ItemResolution(item: item, answer: answer, reason: reason), about: state.id, by: acting)
        return "resolved \(item) for the group: \(value)"
    }
}

/// `assay review show`.
struct ReviewShow: PluginSubcommand {
    /// It only reads: the store is opened read-only.
    static let readsOnly = true

    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a case's scored checklist: the result per tier, each member's, the disagreements, and every item.", discussion: "Example:\n  assay review show bs/1 --round 1"
    )

    @Argument(help: "The case.") var caseID: String
    @Option(help: "The review round (default: the current one).") var round: Int?

    func run(_ context: PluginCommand.Context) async throws -> String {
        let state = try await context.caseState(caseID)
        let guidance = try await context.guidance(of: state)
        let rounds = guidance.rounds[state.id] ?? []
        guard let chosen = round.map({ number in rounds.first { $0.number == number } }) ?? rounds.last else {
            throw CommandRefusal(rounds.isEmpty ? "no expert group has been formed for case \(caseID)" : "case \(caseID) has rounds 1 to \(rounds.count)")
        }
        // Only the members' conflicts set answers aside: their records are all the score reads.
        let members = Set(chosen.group.members.map { Subject(kind: "expert", id: $0) })
        let integrity = try await context.state(of: IntegrityRecords.self, about: members)
        guard let score = guidance.score(chosen, of: state.institution, integrity: integrity) else {
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
        discussion: "Every row is checked first; a submission made on another checklist edition, for another case, by someone outside the group, or with a value an item does not take is refused by row and column, and nothing is written. The answers are recorded as the submitting experts', in the role and jurisdiction given.\n\nExample:\n  assay review import bs/1 submissions.csv --actor city-expert-1 --role city-expert --for region:410800"
    )

    @OptionGroup var acting: ActingOptions
    @Argument(help: "The case.") var caseID: String
    @Argument(help: "The export: .csv or .json.") var file: String
    @Option(help: "The folder of the export's photos and documents (default: media/ beside the file).") var media: String?

    func run(_ context: PluginCommand.Context) async throws -> String {
        guard let data = FileManager.default.contents(atPath: file) else { throw PluginUsageError("cannot read \(file): no such file") }
        let state = try await context.caseState(caseID)
        let guidance = try await context.guidance()
        guard let round = guidance.currentRound(of: state.id), let checklist = guidance.checklists[round.group.checklist] else {
            throw CommandRefusal(GuidanceGroupsState.noGroup(state.id))
        }
        let folder = media.map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("media")
        let submissions = try Submissions(data, file: file)
        let (answers, problems) = try await submissions.answers(for: state, round: round, checklist: checklist, media: { name in
            FileManager.default.contents(atPath: folder.appendingPathComponent(name).path).map { FileHash.sha256(Array($0)) }
        }, missing: "in \(folder.path); export the submissions with their media")
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
        return "imported \(counted(answers.count, "answer")) from \(counted(submissions.count, "submission")) by \(experts.joined(separator: ", "))"
    }
}
