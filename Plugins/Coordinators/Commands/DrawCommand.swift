import ArgumentParser
import AssayCore
import AssayHistory
import Foundation
import IntegrityRecords
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
        let files = try await DirectorySnapshots.files(hash, in: context.engine().store)
        return try DrawPool(files, hash: hash)
    }
}

/// What the log holds of a draw.
struct RecordedDraw {
    static let announced = "draw-announced"
    static let drawn = "draw-result"

    var announcement: DrawAnnouncement?
    var announcedAt: Int?
    var result: DrawResult?

    /// Reads the draw's records in one pass over the log, noting the announcement's position
    /// (the checkpoint must cover it).
    init(_ id: String, store: any EventStore) async throws {
        let subject = Subject(kind: "draw", id: id)
        for try await batch in LogReader(store: store) {
            for entry in batch where entry.subject == subject {
                guard case .recorded(let record) = try Event(canonical: entry.body).body else { continue }
                if record.type == Self.announced {
                    announcement = try record.value.decode(as: DrawAnnouncement.self)
                    announcedAt = entry.position
                } else if record.type == Self.drawn {
                    result = try record.value.decode(as: DrawResult.self)
                }
            }
        }
    }

    /// The first signed checkpoint whose log includes the announcement.
    func checkpoint(in store: any EventStore) async throws -> SignedCheckpoint? {
        guard let announcedAt else { return nil }
        return try await store.checkpoints().sorted { $0.number < $1.number }.first { $0.treeSize >= announcedAt }
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
        let engine = try await context.engine(creating: true)
        guard try await RecordedDraw(id, store: engine.store).announcement == nil else {
            throw CommandRefusal("draw \(id) was announced already; a draw is announced and run once")
        }
        let integrity = try await engine.currentPluginStates().state(of: IntegrityRecords.self) ?? IntegrityState()
        let now = Timestamp(acting.date)
        var recusals: [String] = []
        for expert in pool.experts {
            if integrity.suspension(of: expert.id, at: now) != nil { recusals.append(expert.id); continue }
            // Read once an expert; most have none, and their institutions are not walked.
            let conflicts = integrity.conflicts(of: expert.id)
            guard !conflicts.isEmpty else { continue }
            for institution in pool.institutions {
                let county = (RegionCode(institution.county) ?? RegionCode("000000")!).code
                if conflicts.contains(where: { $0.institution == institution.id || $0.county == county }) { recusals.append("\(expert.id)@\(institution.id)") }
            }
        }
        let announcement = DrawAnnouncement(targets: targets, inspectors: inspectors, region: region, institutionsFile: pool.institutionsHash,
                                            expertsFile: pool.expertsHash, recusals: recusals)
        try await engine.record(PluginRecord(plugin: Coordinators.name, type: RecordedDraw.announced, by: acting.actor, value: try RecordValue(encoding: announcement)),
                                about: Subject(kind: "draw", id: id), at: acting.date)
        return "announced draw \(id): \(targets) institutions, \(inspectors) inspectors each, \(counted(recusals.count, "recusal")); sign a checkpoint (`assay log checkpoint`), then run it"
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
        let recorded = try await RecordedDraw(id, store: engine.store)
        guard let announcement = recorded.announcement else { throw CommandRefusal("there is no announced draw \(id); announce it first") }
        guard recorded.result == nil else { throw CommandRefusal("draw \(id) was run already; a draw is never run again (verify it with `assay draw verify \(id)`)") }
        guard let checkpoint = try await recorded.checkpoint(in: engine.store) else {
            throw CommandRefusal("no signed checkpoint covers the announcement of draw \(id) yet; sign one with `assay log checkpoint`")
        }
        let pool = try await poolOptions.pool(context)
        guard pool.institutionsHash == announcement.institutionsFile, pool.expertsHash == announcement.expertsFile else {
            throw CommandRefusal("the pool files differ from those announced for draw \(id) (their SHA-256 do not match)")
        }
        var stream = DrawStream(announcement: id, checkpoint: checkpoint)
        let result = DrawResult(checkpoint: checkpoint.number, treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash.hex,
                                seed: stream.seedHex, inspections: pool.draw(announcement, stream: &stream))
        try await engine.record(PluginRecord(plugin: Coordinators.name, type: RecordedDraw.drawn, by: acting.actor, value: try RecordValue(encoding: result)),
                                about: Subject(kind: "draw", id: id), at: acting.date)
        return (["draw \(id), seed \(result.seed) (checkpoint \(checkpoint.number), \(checkpoint.treeSize) events, root \(checkpoint.rootHash.hex))"]
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
        let engine = try await context.engine()
        let recorded = try await RecordedDraw(id, store: engine.store)
        guard let announcement = recorded.announcement, let result = recorded.result else { throw CommandRefusal("draw \(id) has not been run") }
        guard let checkpoint = try await recorded.checkpoint(in: engine.store) else { throw CommandRefusal("no signed checkpoint covers the announcement of draw \(id)") }
        guard checkpoint.number == result.checkpoint, checkpoint.treeSize == result.treeSize, checkpoint.rootHash.hex == result.rootHash else {
            throw CommandRefusal("draw \(id) does NOT verify: it names checkpoint \(result.checkpoint), but the first checkpoint covering its announcement is \(checkpoint.number) (\(checkpoint.treeSize) events, root \(checkpoint.rootHash.hex))")
        }
        let pool = try await poolOptions.pool(context)
        guard pool.institutionsHash == announcement.institutionsFile, pool.expertsHash == announcement.expertsFile else {
            throw CommandRefusal("draw \(id) does NOT verify: the pool files differ from those announced")
        }
        var stream = DrawStream(announcement: id, checkpoint: checkpoint)
        let seed = stream.seedHex
        let inspections = pool.draw(announcement, stream: &stream)
        guard seed == result.seed, inspections == result.inspections else {
            let differing = zip(inspections, result.inspections).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            let first = differing.map { "inspection \($0 + 1)" } ?? (seed == result.seed ? "the number of inspections" : "its seed")
            throw CommandRefusal("draw \(id) does NOT verify: re-run, \(first) differs from the record")
        }
        return "draw \(id) verifies: \(counted(inspections.count, "institution")) and their inspectors, re-run from the seed of checkpoint \(checkpoint.number)"
    }
}
