import ArgumentParser
import AssayCore
import Foundation
import PluginCommandLine

/// `assay integrity`: violations, conflicts of interest and suspensions.
struct IntegrityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay integrity",
        abstract: "Record, list and show integrity records: violations, conflicts of interest, suspensions.",
        discussion: "A record is never deleted: recording again under the same id supersedes it (a correction, an appeal's outcome, a conflict withdrawn, a suspension lifted). The guards institution-eligible and reviewer-eligible read the records as they stand.",
        subcommands: [IntegrityRecordCommand.self, IntegrityList.self, IntegrityShow.self, IntegrityImport.self]
    )

    static let pluginCommand = pluginCommand(named: "integrity")
}

extension PluginCommand.Context {
    /// The integrity records folded from the log; the store must exist unless
    /// `creatingStore` (for a command that records the first ones).
    func integrity(creatingStore: Bool = false) async throws -> IntegrityState {
        try await engine(creating: creatingStore).currentPluginStates().state(of: IntegrityRecords.self) ?? IntegrityState()
    }

    /// Writes `entries`, with the built-in rules if the log holds none: all of it, or nothing.
    func write(_ entries: [SubjectRecord], by acting: ActingOptions) async throws {
        let engine = try await engine(creating: true)
        let rules = try BuiltInIntegrityRules.toStore(with: try await integrity(creatingStore: true))
        try await engine.record(entries, storing: rules, by: acting.actor, at: acting.date)
    }
}

/// A subject as the command line names it: `institution:ID` or `expert:ID`.
func integritySubject(_ text: String) throws -> Subject {
    let subject = Subject(text)
    guard ["institution", "expert"].contains(subject.kind), text.contains(":") else {
        throw PluginUsageError("'\(text)' is not institution:ID or expert:ID")
    }
    return subject
}

/// `assay integrity record`.
struct IntegrityRecordCommand: PluginSubcommand {
    static let configuration = CommandConfiguration(commandName: "record", abstract: "Record a violation, a conflict of interest or a suspension, or a new version of one.", discussion: "Example:\n  assay integrity record expert:county-expert-1@410883 --kind conflict --id C-2022-001 --description 亲属在该院任职 --date 2022-03-05 --institution 410883-001 --actor county-expert-1@410883 --role county-expert --for region:410883")

    @OptionGroup var acting: ActingOptions
    @Argument(help: "Whom it is about: institution:ID or expert:ID.") var subject: String
    @Option(help: "violation, conflict or suspension.") var kind: String
    @Option(help: "The record's id, such as V-2022-001; the same id supersedes.") var id: String
    @Option(help: "What happened or was declared.") var description: String
    @Option(help: "The day decided or declared, YYYY-MM-DD.") var date: String
    @Option(help: "A violation's finding: pending, substantiated or unsubstantiated.") var finding: String?
    @Option(help: "A conflict's institution.") var institution: String?
    @Option(help: "A conflict's county (GB/T 2260): all its institutions.") var county: String?
    @Option(help: "A suspension's last day, YYYY-MM-DD.") var until: String?
    @Flag(help: "The record no longer holds (withdrawn, lifted).") var withdrawn = false
    @Option(name: .customLong("evidence"), help: "A document's SHA-256; repeat for each.") var evidence: [String] = []

    func run(_ context: PluginCommand.Context) async throws -> String {
        let about = try integritySubject(subject)
        guard let kind = IntegrityRecord.Kind(rawValue: kind) else { throw PluginUsageError("--kind is violation, conflict or suspension, not '\(kind)'") }
        var found: IntegrityRecord.Finding?
        if let finding {
            guard let known = IntegrityRecord.Finding(rawValue: finding) else { throw PluginUsageError("--finding is pending, substantiated or unsubstantiated, not '\(finding)'") }
            found = known
        }
        let record = IntegrityRecord(id: id, kind: kind, description: description, evidence: evidence, date: date, finding: found,
                                     institution: institution, county: county, until: until, withdrawn: withdrawn)
        if let problem = record.problem(about: about) { throw CommandRefusal(problem.message) }
        let superseding = try await context.integrity(creatingStore: true).records[about]?[id] != nil
        try await context.write([SubjectRecord(subject: about, record: PluginRecord(plugin: IntegrityRecords.name, type: IntegrityRecordType.of(about),
                                                                                    by: acting.actor, value: try RecordValue(encoding: record)))], by: acting)
        return "recorded \(kind.rawValue) \(id) about \(about)" + (superseding ? ", superseding its earlier version" : "")
    }
}

/// `assay integrity list`.
struct IntegrityList: PluginSubcommand {
    /// It only reads: the store is opened read-only.
    static let readsOnly = true

    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the records as they stand.", discussion: "Example:\n  assay integrity list --kind conflict")

    @Option(help: "Only violation, conflict or suspension.") var kind: String?

    func run(_ context: PluginCommand.Context) async throws -> String {
        let state = try await context.integrity()
        var lines: [String] = []
        for subject in state.records.keys.sorted() {
            for record in state.current(subject) where kind == nil || record.kind.rawValue == kind {
                lines.append("\(record.id)  \(subject)  \(IntegrityShow.line(record))")
            }
        }
        return (lines + [counted(lines.count, "record")]).joined(separator: "\n")
    }
}

/// `assay integrity show`.
struct IntegrityShow: PluginSubcommand {
    /// It only reads: the store is opened read-only.
    static let readsOnly = true

    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the records about an institution or expert, each with its history.", discussion: "Example:\n  assay integrity show expert:county-expert-1@410883")

    @Argument(help: "institution:ID or expert:ID.") var subject: String

    static func line(_ record: IntegrityRecord) -> String {
        var parts = [record.kind.rawValue, record.date]
        if let finding = record.finding { parts.append(finding.rawValue) }
        if let institution = record.institution { parts.append("with \(institution)") }
        if let county = record.county { parts.append("with county \(county)") }
        if let until = record.until { parts.append("until \(until)") }
        if record.withdrawn { parts.append("withdrawn") }
        return parts.joined(separator: ", ") + " — \(record.description)"
    }

    func run(_ context: PluginCommand.Context) async throws -> String {
        let about = try integritySubject(subject)
        let state = try await context.state(of: IntegrityRecords.self, about: [about]) ?? IntegrityState()
        let versions = state.records[about] ?? [:]
        var lines = ["\(about): \(counted(versions.count, "record"))"]
        for id in versions.keys.sorted() {
            let history = versions[id]!
            lines.append("\(id): \(Self.line(history.last!.record))")
            for version in history.dropLast().reversed() {
                lines.append("  superseded: \(context.time.show(version.at)) by \(version.by): \(Self.line(version.record))")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// `assay integrity import`.
struct IntegrityImport: PluginSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import existing records from a CSV file: columns \(IntegrityCSV.columns.joined(separator: ", ")).",
        discussion: "Every row is checked first; a bad row is refused by row and column and nothing is written. Evidence is SHA-256s separated by ';'.\n\nExample:\n  assay integrity import records.csv --actor commission@410800 --role city-coordinator --for region:410800"
    )

    @OptionGroup var acting: ActingOptions
    @Argument(help: "The CSV file.") var file: String

    func run(_ context: PluginCommand.Context) async throws -> String {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw PluginUsageError("cannot read \(file) as UTF-8 text")
        }
        let read: IntegrityCSV
        do {
            read = try IntegrityCSV(text)
        } catch {
            throw CommandRefusal("\(file): \(error)")
        }
        let problems = read.problems
        guard problems.isEmpty else {
            throw CommandRefusal("\(file): nothing was imported; \(counted(problems.count, "problem")):\n" + problems.map { "  " + $0 }.joined(separator: "\n"))
        }
        let entries = try read.entries(by: acting.actor)
        guard !entries.isEmpty else { throw CommandRefusal("\(file) holds no records") }
        try await context.write(entries, by: acting)
        return "imported \(counted(entries.count, "record"))"
    }
}
