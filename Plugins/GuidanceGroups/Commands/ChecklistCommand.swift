import ArgumentParser
import AssayCore
import PluginCommandLine
import Foundation

/// `assay checklist`: the checklists experts score, built in or stored in the log.
struct ChecklistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay checklist",
        abstract: "List, show, check and store the on-site checklists, and make field forms of them.",
        subcommands: [ChecklistList.self, ChecklistShow.self, ChecklistCheck.self, ChecklistStore.self, ChecklistXLSForm.self]
    )

    static let pluginCommand = pluginCommand(named: "checklist")
}

/// `assay checklist list`.
struct ChecklistList: PluginSubcommand {
    /// It only reads: the store is opened read-only.
    static let readsOnly = true

    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the built-in checklists and those stored in the log.", discussion: "Example:\n  assay checklist list")

    func run(_ context: PluginCommand.Context) async throws -> String {
        var lines = ["built in"]
        lines += try BuiltInData.checklists().map(Self.line)
        let stored = (try await context.guidanceIfStored()?.checklists ?? [:]).sorted { ($0.value.id, $0.value.version) < ($1.value.id, $1.value.version) }
        lines.append("stored in the log")
        lines += stored.isEmpty ? ["  none"] : stored.map { Self.line($0.value) + "  sha256 \($0.key)" }
        return lines.joined(separator: "\n")
    }

    static func line(_ checklist: Checklist) -> String {
        let critical = checklist.items.filter(\.critical).count
        return "  \(checklist.id) \(checklist.version): \(checklist.title.en); for \(checklist.institutionTypes.map(\.rawValue).joined(separator: ", ")); "
            + "\(checklist.items.count) items (\(critical) critical); tiers \(checklist.pass.tiers.map(\.rawValue).joined(separator: ", "))"
    }
}

/// `assay checklist show`.
struct ChecklistShow: PluginSubcommand {
    /// It only reads: the store is opened read-only.
    static let readsOnly = true

    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a checklist's pass rules, sections and items: the last edition stored in the log, or the built-in one.", discussion: "Example:\n  assay checklist show township-health-centre")

    @Argument(help: "The checklist's id, such as township-health-centre.") var id: String

    func run(_ context: PluginCommand.Context) async throws -> String {
        let stored = try await context.guidanceIfStored()
        let checklist = try stored.flatMap { state in state.latestChecklist[id].flatMap { state.checklists[$0] } }
            ?? BuiltInData.file(kind: DataKind.checklist, id: id).content.decode(as: Checklist.self)
        var lines = ["\(checklist.name) · \(checklist.title.zh) · \(checklist.title.en)",
                     "for: \(checklist.institutionTypes.map(\.rawValue).joined(separator: ", "))"]
        for tier in checklist.pass.tiers {
            let rule = checklist.pass[tier]!
            let sections = rule.sections.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)%" }
            lines.append("\(tier.mark) \(tier): overall \(rule.overall)%" + (sections.isEmpty ? "" : "; sections " + sections.joined(separator: ", ")))
        }
        for section in checklist.sections {
            lines.append("")
            lines.append("\(section.id) \(section.title.zh) · \(section.title.en)")
            for item in section.items {
                var notes = [item.kind.rawValue, "weight \(item.weight)"]
                if item.critical { notes.append("critical") }
                if item.allowsNotApplicable { notes.append("n/a allowed") }
                if let types = item.applicableIf { notes.append("only \(types.map(\.rawValue).joined(separator: ", "))") }
                if item.kind != .text, item.kind != .yesNo { notes.append(item.acceptedValues) }
                if !item.notMetNeeds.isEmpty { notes.append("not met needs \(item.notMetNeeds.map(\.rawValue).joined(separator: ", "))") }
                lines.append("  \(item.tier.mark) \(item.id) \(item.text.zh) · \(item.text.en) [\(notes.joined(separator: "; "))]")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// `assay checklist check`.
struct ChecklistCheck: PluginSubcommand {
    /// It only reads: the store is opened read-only.
    static let readsOnly = true

    static let configuration = CommandConfiguration(commandName: "check", abstract: "Check checklist files, reporting every error with its line and column.", discussion: "Example:\n  assay checklist check my-checklist.yaml")

    @Argument(help: "Checklist YAML files.") var files: [String]

    func run(_ context: PluginCommand.Context) async throws -> String {
        let loaded = try files.map { try ChecklistFile.load($0, host: context.host) }
        return try loaded.map { "\($0.file): checklist \(try $0.content.decode(as: Checklist.self).name) is valid" }.joined(separator: "\n")
    }
}

/// `assay checklist store`.
struct ChecklistStore: PluginSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Store a checklist file in the log, as the edition groups formed from now on score.", discussion: "Example:\n  assay checklist store township-health-centre-2024.yaml --actor commission@410000 --role province-coordinator --for region:410000"
    )

    @OptionGroup var acting: ActingOptions
    @Argument(help: "A checklist YAML file.") var file: String

    func run(_ context: PluginCommand.Context) async throws -> String {
        let loaded = try ChecklistFile.load(file, host: context.host)
        let checklist = try loaded.content.decode(as: Checklist.self)
        let hash = try await context.engine().storeDataFile(loaded, by: acting.actor, at: acting.date)
        return "stored checklist \(checklist.name), sha256 \(hash.hex)"
    }
}

/// Reading a checklist file from disk.
enum ChecklistFile {
    /// The file read and checked; every error with its line and column, or a missing file.
    static func load(_ path: String, host: PluginHost) throws -> StoredDataFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PluginUsageError("cannot read \(path): no such file")
        }
        let (file, errors) = try host.loadDataFile(plugin: GuidanceGroups.name, kind: DataKind.checklist, bytes: Array(data), file: path)
        guard let file, errors.isEmpty else {
            throw CommandRefusal(errors.map(\.description).joined(separator: "\n"))
        }
        return file
    }
}

/// `assay checklist xlsform`.
struct ChecklistXLSForm: PluginSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "xlsform",
        abstract: "Write a checklist as an XLSForm that ODK Collect or KoboToolbox runs offline.",
        discussion: "With --case, the form is the one the case's current group scores (its checklist edition, pinned by hash), the case is filled in, and items that do not apply to the institution are left out. Completed submissions come back with `assay review import`.\n\nExample:\n  assay checklist xlsform --case bs/1 --output form.xlsx --actor commission@410800 --role city-coordinator --for region:410800"
    )

    @OptionGroup var acting: ActingOptions
    @Argument(help: "The checklist's id, such as township-health-centre (without --case).") var id: String?
    @Option(help: "Make the form for this case's current group.") var `case`: String?
    @Option(help: "The .xlsx file to write.") var output: String

    func validate() throws {
        if (id == nil) == (`case` == nil) { throw ValidationError("name a checklist, or give --case, not both") }
        if !output.hasSuffix(".xlsx") { throw ValidationError("--output names an .xlsx file, such as form.xlsx") }
    }

    func run(_ context: PluginCommand.Context) async throws -> String {
        guard let id else {
            let state = try await context.caseState(`case`!)
            guard let form = try await context.guidance().fieldForm(for: state) else { throw CommandRefusal(GuidanceGroupsState.noGroup(state.id)) }
            try OutputFile.write(form.bytes, to: output)
            return "wrote \(output): checklist \(form.checklist.name), \(form.items) items for case \(state.id)"
        }
        let (checklist, hash, unstored) = try await context.checklist(id)
        let form = FieldForm(checklist: checklist, hash: hash, caseState: nil)
        // The form names the checklist's hash: it is stored once the form is safely written.
        try OutputFile.write(form.workbook.bytes, to: output)
        if let unstored { try await context.engine().storeDataFile(unstored, by: acting.actor, at: acting.date) }
        return "wrote \(output): checklist \(form.checklist.name), \(form.items.count) items"
    }
}
