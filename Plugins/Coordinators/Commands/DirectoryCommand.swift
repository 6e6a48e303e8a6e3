import ArgumentParser
import AssayCore
import Foundation
import PluginCommandLine

/// `assay directory`: the coordinators' directories, imported and recorded as snapshots.
struct DirectoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay directory",
        abstract: "Import the directories (regions, institutions, experts, groups, conflicts) as a snapshot in the log.",
        discussion: "A folder of regions.csv, institutions.csv, experts.csv, groups.csv and conflicts.csv (the layout of shared/assignment). Every file is checked first; any error, by file, row and column, and nothing is written. The snapshot is stored under its content hash, which draws name (--directory HASH).",
        subcommands: [DirectoryImport.self, DirectoryShow.self]
    )

    static let pluginCommand = pluginCommand(named: "directory")
}

/// `assay directory import`.
struct DirectoryImport: PluginSubcommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Check a folder of directory files and record it as a snapshot.", discussion: "Example:\n  assay directory import directory/ --actor commission@410800 --role city-coordinator --for region:410800")

    @OptionGroup var acting: ActingOptions
    @Argument(help: "The folder of the five CSV files.") var folder: String

    func run(_ context: PluginCommand.Context) async throws -> String {
        let texts = try Directory.Files.names.map { name -> String in
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path) else { throw PluginUsageError("cannot read \(path): no such file") }
            guard let text = String(data: data, encoding: .utf8) else { throw CommandRefusal("\(path) is not UTF-8 text; save it as CSV UTF-8") }
            return text
        }
        let files = Directory.Files(regions: texts[0], institutions: texts[1], experts: texts[2], groups: texts[3], conflicts: texts[4])
        let (directory, problems) = Directory.read(files)
        guard let directory else {
            throw CommandRefusal("\(folder): nothing was imported; \(counted(problems.count, "problem")):\n" + problems.prefix(50).map { "  \($0)" }.joined(separator: "\n")
                                 + (problems.count > 50 ? "\n  and \(problems.count - 50) more" : ""))
        }
        let snapshot = try Directory.snapshot(of: files, named: folder)
        let hash = try await context.engine(creating: true).storeDataFile(snapshot, by: acting.actor, at: acting.date)
        return "imported directory \(hash.hex): \(counted(directory.regions.count, "region")), \(counted(directory.institutions.count, "institution")), "
            + "\(counted(directory.experts.count, "expert")), \(counted(directory.groups.count, "group")), \(counted(directory.conflicts.count, "conflict"))"
    }
}

/// `assay directory show`.
struct DirectoryShow: PluginSubcommand {
    /// It only reads: the store is opened read-only.
    static let readsOnly = true

    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show what a directory snapshot holds.", discussion: "Example:\n  assay directory show 3f2a9c0d1e2b")

    @Argument(help: "The snapshot's hash (12 hex digits or more).") var hash: String

    func run(_ context: PluginCommand.Context) async throws -> String {
        let snapshot = try await DirectorySnapshots.named(hash, in: context.engine())
        guard let directory = snapshot.directory else {
            throw CommandRefusal("snapshot \(hash) no longer reads: \(Directory.read(snapshot.files).problems.first.map(\.description) ?? "")")
        }
        return "directory \(hash): \(counted(directory.regions.count, "region")), \(counted(directory.institutions.count, "institution")), "
            + "\(counted(directory.experts.count, "expert")), \(counted(directory.groups.count, "group")), \(counted(directory.conflicts.count, "conflict"))"
    }
}
