import ArgumentParser
import AssayCore
import Foundation
import PluginCommandLine

/// `assay draw`: the double-random draw (双随机一公开) of inspection targets and inspectors,
/// announced before its seed exists and re-runnable by anyone from its record.
struct DrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay draw",
        abstract: "Announce, run and verify a reproducible random draw of inspection targets and inspectors.",
        discussion: "announce records the rule, the pool (its files' SHA-256) and the recusals; sign a checkpoint (`assay log checkpoint`); run draws with the seed of the first checkpoint covering the announcement, so nobody could choose it; verify re-runs a recorded draw from its record and the pool files. A draw is run once.",
        subcommands: [DrawAnnounce.self, DrawRun.self, DrawVerify.self]
    )

    static let pluginCommand = pluginCommand(named: "draw")
}

/// The pool: a directory snapshot in the log, or the two files; shared by the subcommands.
struct PoolOptions: ParsableArguments {
    @Option(help: "A directory snapshot in the log, by the hash `assay directory import` printed.") var directory: String?
    @Option(help: "Or the institutions file (institution_id, county_code).") var institutions: String?
    @Option(help: "And the experts file (expert_id, home_county, home_institution, …).") var experts: String?

    func validate() throws {
        if (directory == nil) == (institutions == nil || experts == nil) {
            throw ValidationError("give --directory HASH, or --institutions and --experts files")
        }
    }

    func pool(_ context: PluginCommand.Context) async throws -> DrawPool {
        if let institutions, let experts { return try DrawPool(institutions: institutions, experts: experts) }
        let hash = directory!
        let files = try await DirectorySnapshots.files(hash, in: context.engine())
        return try DrawPool(files, hash: hash)
    }
}

/// `assay draw announce`.
struct DrawAnnounce: PluginSubcommand {
    static let configuration = CommandConfiguration(commandName: "announce", abstract: "Announce a draw: its rule, pool and recusals, before its seed exists.", discussion: "Example:\n  assay draw announce 2022-Q3 --targets 5 --inspectors 2 --institutions institutions.csv --experts experts.csv --actor commission@410800 --role city-coordinator --for region:410800")

    @OptionGroup var acting: ActingOptions
    @OptionGroup var poolOptions: PoolOptions
    @Argument(help: "The draw's id, such as 2022-Q3-410800.") var id: String
    @Option(help: "How many institutions to draw.") var targets: Int
    @Option(help: "How many inspectors for each.") var inspectors: Int = 2
    @Option(help: "Draw only from counties whose code starts with this, such as 4108.") var region: String = ""

    func run(_ context: PluginCommand.Context) async throws -> String {
        guard targets > 0, inspectors > 0 else { throw PluginUsageError("--targets and --inspectors are at least 1") }
        let pool = try await poolOptions.pool(context)
        let announcement = try await Draws.announce(id, targets: targets, inspectors: inspectors, region: region, pool: pool,
                                                    engine: context.engine(creating: true), by: acting.actor, at: acting.date)
        return "announced draw \(id): \(targets) institutions, \(inspectors) inspectors each, \(counted(announcement.recusals.count, "recusal")); sign a checkpoint (`assay log checkpoint`), then run it"
    }
}

/// `assay draw run`.
struct DrawRun: PluginSubcommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run an announced draw with the seed of the first checkpoint covering its announcement.", discussion: "Example:\n  assay draw run 2022-Q3 --institutions institutions.csv --experts experts.csv --actor commission@410800 --role city-coordinator --for region:410800")

    @OptionGroup var acting: ActingOptions
    @OptionGroup var poolOptions: PoolOptions
    @Argument(help: "The draw's id.") var id: String

    func run(_ context: PluginCommand.Context) async throws -> String {
        let engine = try await context.engine()
        let result = try await Draws.run(id, recorded: RecordedDraw(id, store: engine.store), pool: poolOptions.pool(context), engine: engine, by: acting.actor, at: acting.date)
        return (["draw \(id), seed \(result.seed) (checkpoint \(result.checkpoint), \(result.treeSize) events, root \(result.rootHash))"]
            + result.inspections.map { "  \($0.institution): \($0.inspectors.joined(separator: ", "))" }).joined(separator: "\n")
    }
}

/// `assay draw verify`.
struct DrawVerify: PluginSubcommand {
    /// It only reads: the store is opened read-only.
    static let readsOnly = true

    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Re-run a recorded draw from its record and the pool files, and confirm it.", discussion: "Example:\n  assay draw verify 2022-Q3 --institutions institutions.csv --experts experts.csv")

    @OptionGroup var poolOptions: PoolOptions
    @Argument(help: "The draw's id.") var id: String

    func run(_ context: PluginCommand.Context) async throws -> String {
        let store = try await context.engine().store
        return try await Draws.verify(id, recorded: RecordedDraw(id, store: store), pool: poolOptions.pool(context), store: store)
    }
}
