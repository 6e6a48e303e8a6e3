import AssayCore
import AssayHistory
import Foundation
import IntegrityRecords
import PluginCommandLine

/// What the log holds of a draw.
public struct RecordedDraw {
    static let announced = "draw-announced"
    static let drawn = "draw-result"

    public var announcement: DrawAnnouncement?
    var announcedAt: Int?
    public var result: DrawResult?

    /// Reads the draw's records in one pass over the log, noting the announcement's position
    /// (the checkpoint must cover it).
    public init(_ id: String, store: any EventStore) async throws {
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

/// The double-random draw's three steps, as `assay draw` and the server take them: announce
/// (the rule, the pool by SHA-256, the recusals known then), run (once, with the seed of the
/// first signed checkpoint covering the announcement) and verify (re-run from the record).
/// Each refusal is a `CommandRefusal` in the words the command prints.
public enum Draws {
    /// Records the announcement of draw `id` over `pool`, with its recusals: experts suspended
    /// now, and experts with a declared conflict with an institution of the pool or its county.
    public static func announce(_ id: String, targets: Int, inspectors: Int, region: String, pool: DrawPool, engine: Engine,
                                by actor: Actor, at date: Date) async throws -> DrawAnnouncement {
        guard try await RecordedDraw(id, store: engine.store).announcement == nil else {
            throw CommandRefusal("draw \(id) was announced already; a draw is announced and run once")
        }
        let integrity = try await engine.currentPluginStates(of: [IntegrityRecords.name]).state(of: IntegrityRecords.self) ?? IntegrityState()
        let now = Timestamp(date)
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
        try await engine.record(PluginRecord(plugin: Coordinators.name, type: RecordedDraw.announced, by: actor, value: try RecordValue(encoding: announcement)),
                                about: Subject(kind: "draw", id: id), at: date)
        return announcement
    }

    /// Runs announced draw `id`, whose records the log holds as `recorded`, over `pool` (the
    /// files announced) and records its result.
    public static func run(_ id: String, recorded: RecordedDraw, pool: DrawPool, engine: Engine, by actor: Actor, at date: Date) async throws -> DrawResult {
        guard let announcement = recorded.announcement else { throw CommandRefusal("there is no announced draw \(id); announce it first") }
        guard recorded.result == nil else { throw CommandRefusal("draw \(id) was run already; a draw is never run again (verify it with `assay draw verify \(id)`)") }
        guard let checkpoint = try await recorded.checkpoint(in: engine.store) else {
            throw CommandRefusal("no signed checkpoint covers the announcement of draw \(id) yet; sign one with `assay log checkpoint`")
        }
        guard pool.institutionsHash == announcement.institutionsFile, pool.expertsHash == announcement.expertsFile else {
            throw CommandRefusal("the pool files differ from those announced for draw \(id) (their SHA-256 do not match)")
        }
        var stream = DrawStream(announcement: id, checkpoint: checkpoint)
        let result = DrawResult(checkpoint: checkpoint.number, treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash.hex,
                                seed: stream.seedHex, inspections: pool.draw(announcement, stream: &stream))
        try await engine.record(PluginRecord(plugin: Coordinators.name, type: RecordedDraw.drawn, by: actor, value: try RecordValue(encoding: result)),
                                about: Subject(kind: "draw", id: id), at: date)
        return result
    }

    /// Re-runs draw `id` from its records (`recorded`, read from `store`) and `pool`; what
    /// confirms it, or a refusal saying where it does NOT verify.
    public static func verify(_ id: String, recorded: RecordedDraw, pool: DrawPool, store: any EventStore) async throws -> String {
        guard let announcement = recorded.announcement, let result = recorded.result else { throw CommandRefusal("draw \(id) has not been run") }
        guard let checkpoint = try await recorded.checkpoint(in: store) else { throw CommandRefusal("no signed checkpoint covers the announcement of draw \(id)") }
        guard checkpoint.number == result.checkpoint, checkpoint.treeSize == result.treeSize, checkpoint.rootHash.hex == result.rootHash else {
            throw CommandRefusal("draw \(id) does NOT verify: it names checkpoint \(result.checkpoint), but the first checkpoint covering its announcement is \(checkpoint.number) (\(checkpoint.treeSize) events, root \(checkpoint.rootHash.hex))")
        }
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
