import ArgumentParser
import AssayCore
import Foundation
import PluginCommandLine

/// `assay registration`: credit codes, batch audits, the commission's decisions.
struct RegistrationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay registration",
        abstract: "Audit institutions' registrations and record the commission's decisions.",
        discussion: "Applying for a review is guarded by registration-compliant: the institution's last audit found no problem. A rectify decision's deadline that passes is decided not-evaluated by `assay tick`.",
        subcommands: [RegistrationCode.self, RegistrationBatch.self, RegistrationDecide.self, RegistrationShow.self]
    )

    static let pluginCommand = pluginCommand(named: "registration")
}

/// `assay registration code`.
struct RegistrationCode: PluginSubcommand {
    /// It only reads: the store is opened read-only.
    static let readsOnly = true

    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Check unified social credit codes (GB 32100-2015), naming the position of each rule broken.",
        discussion: """
            Each code's characters, check digits and the registration authority's division: a GB/T 2260 division of the built-in registration rules' directory.

            Example:
              assay registration code 12410882473002225K
            """
    )

    @Argument(help: "Codes, 18 characters each.") var codes: [String]

    func run(_ context: PluginCommand.Context) async throws -> String {
        let rules = try BuiltInRules.rules()
        let checks = codes.map { CodeCheck($0, rules: rules) }
        let lines = checks.map(\.description)
        let failed = checks.filter { !$0.valid }.count
        guard failed == 0 else {
            throw CommandRefusal("\(failed) of \(counted(codes.count, "code")) invalid:\n" + lines.map { "  " + $0 }.joined(separator: "\n"))
        }
        return lines.joined(separator: "\n")
    }
}

/// `assay registration audit`.
struct RegistrationBatch: PluginSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit a CSV file of registrations, one institution a row; report by row and column.",
        discussion: """
            Columns: \(BatchAudit.columns.joined(separator: ", ")). Exits 1 when any row fails. Nothing is recorded unless --record is given; then every row's audit is recorded, in one transaction, or, if any row cannot be read, none.

            Examples:
              assay registration audit registrations.csv
              assay registration audit registrations.csv --record --actor commission@410800 --role city-coordinator --for region:410800
            """
    )

    @OptionGroup var recording: RecordingOptions
    @Argument(help: "The CSV file.") var file: String
    @Flag(help: "Record every row's audit in the log (all rows, or none), as --actor, --role and --for.") var record = false

    func run(_ context: PluginCommand.Context) async throws -> String {
        guard let data = FileManager.default.contents(atPath: file) else { throw PluginUsageError("cannot read \(file): no such file") }
        guard let text = String(data: data, encoding: .utf8) else { throw CommandRefusal("\(file) is not UTF-8 text; save it as CSV UTF-8") }
        let rulesFile = try BuiltInRules.file()
        let rules = try rulesFile.content.decode(as: RegistrationRules.self)
        let batch: BatchAudit
        do {
            batch = try BatchAudit(text, rules: rules)
        } catch {
            throw CommandRefusal("\(file): \(error)")
        }
        var report = "\(file): audited against \(rules.name)\n" + batch.report
        if record {
            guard batch.unreadable.isEmpty else {
                throw CommandRefusal(report + "\nnothing was recorded: \(counted(batch.unreadable.count, "row")) could not be read")
            }
            let (actor, date) = try recording.acting("--record")
            let engine = try await context.engine(creating: true)
            let entries = try batch.records(rules: rulesFile, by: actor)
            try await engine.record(entries, storing: [rulesFile], by: actor, at: date)
            report += "\nrecorded \(counted(entries.count, "audit"))"
        }
        guard batch.rows.allSatisfy({ $0.problems.isEmpty }) else { throw CommandRefusal(report) }
        return report
    }
}

/// `assay registration decide`.
struct RegistrationDecide: PluginSubcommand {
    static let configuration = CommandConfiguration(commandName: "decide", abstract: "Record the commission's decision on an institution's registration findings.", discussion: "Example:\n  assay registration decide 410882-006 rectify --deadline 2022-04-30 --note 限期补齐独立法人证书 --actor commission@410882 --role county-coordinator --for region:410882")

    @OptionGroup var acting: ActingOptions
    @Argument(help: "The institution's id.") var institution: String
    @Argument(help: "rectify, not-evaluated or grade-lowered.") var outcome: String
    @Option(help: "For rectify: the last day, YYYY-MM-DD (China Standard Time).") var deadline: String?
    @Option(help: "What was decided and why.") var note: String

    func run(_ context: PluginCommand.Context) async throws -> String {
        guard let decided = RegistrationDecision.Outcome(rawValue: outcome) else {
            throw PluginUsageError("the outcome is \(RegistrationDecision.Outcome.allCases.map(\.rawValue).joined(separator: ", ")), not '\(outcome)'")
        }
        let decision = RegistrationDecision(outcome: decided, deadline: deadline, note: note)
        if let problem = decision.problem { throw CommandRefusal(problem) }
        let state = try await context.plugins().state(of: RegistrationAudit.self) ?? RegistrationState()
        guard case .nonCompliant = state.standing(of: institution) else {
            throw CommandRefusal("institution \(institution) has no registration findings to decide on; see `assay registration show \(institution)`")
        }
        let subject = Subject(kind: "institution", id: institution)
        try await context.engine().record(PluginRecord(plugin: RegistrationAudit.name, type: RegistrationRecordType.decision, by: acting.actor,
                                                       value: try RecordValue(encoding: decision)), about: subject, at: acting.date)
        return "recorded: \(institution) \(decided.rawValue)" + (deadline.map { " by \($0)" } ?? "")
    }
}

/// `assay registration show`.
struct RegistrationShow: PluginSubcommand {
    /// It only reads: the store is opened read-only.
    static let readsOnly = true

    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an institution's registration standing, audits and decisions.", discussion: "Example:\n  assay registration show 410882-006")

    @Argument(help: "The institution's id.") var institution: String

    func run(_ context: PluginCommand.Context) async throws -> String {
        let state = try await context.plugins().state(of: RegistrationAudit.self) ?? RegistrationState()
        var lines: [String]
        switch state.standing(of: institution) {
        case .notAudited: lines = ["\(institution): not audited"]
        case .compliant(let at, let rules): lines = ["\(institution): compliant (audited \(context.time.show(at)) under \(rules))"]
        case .nonCompliant(let findings, let decision):
            lines = ["\(institution): not compliant" + (decision.map { "; decided \($0.outcome.rawValue)" + ($0.deadline.map { " by \($0)" } ?? "") } ?? "; awaiting a decision")]
            lines += findings.map { "  \($0)" }
        }
        for audit in state.audits[institution] ?? [] {
            lines.append("audit \(context.time.show(audit.at)) by \(audit.by): \(audit.value.registration.name), \(counted(audit.value.findings.count, "finding"))")
        }
        for decision in state.decisions[institution] ?? [] {
            lines.append("decision \(context.time.show(decision.at)) by \(decision.by): \(decision.value.outcome.rawValue)" + (decision.value.deadline.map { " by \($0)" } ?? "") + " — \(decision.value.note)")
        }
        return lines.joined(separator: "\n")
    }
}
