import ArgumentParser
import AssayCore
import Foundation

/// Who records and when: `--actor ID --role ROLE --for institution:ID|region:CODE [--at TIME]`,
/// as `assay case take` reads them.
public struct ActingOptions: ParsableArguments {
    @Option(name: .customLong("actor"), help: "Who records: a person's id, such as city-expert-1@410800.")
    public var id: String

    @Option(help: "The role they act in, such as city-expert.")
    public var role: String

    @Option(name: .customLong("for"), help: "Whom they act for: institution:ID or region:CODE, such as region:410800.")
    public var jurisdiction: String

    @Option(help: "When: 2022-05-10T09:30 (in the campaign's zone, Asia/Shanghai unless ASSAY_TIME_ZONE names another) or with its offset, 2022-05-10T09:30:00+08:00 (default: now).")
    public var at: String?

    public init() {}

    public func validate() throws {
        try Self.check(jurisdiction: jurisdiction, at: at)
    }

    /// Refuses a `--for` that names no one an actor acts for, and an `--at` that names no moment.
    static func check(jurisdiction: String?, at: String?) throws {
        if let jurisdiction, Actor.Jurisdiction(text: jurisdiction) == nil || Actor.Jurisdiction(text: jurisdiction) == .system {
            throw ValidationError("--for '\(jurisdiction)' is not whom an actor acts for; write institution:ID or region:CODE, such as region:410800")
        }
        if let problem = CampaignZone.problem { throw ValidationError(problem) }
        if let at {
            do {
                _ = try MomentReader().read(at)
            } catch {
                throw ValidationError("--at: \(error)")
            }
        }
    }

    /// The moment `--at` names (checked by `check`), or now.
    static func moment(_ at: String?) -> Date {
        at.flatMap { try? MomentReader().read($0).date } ?? Date()
    }

    /// Who records.
    public var actor: Actor {
        Actor(id: id, role: role, jurisdiction: Actor.Jurisdiction(text: jurisdiction)!)
    }

    /// When: `--at` (checked by `validate`), or now.
    public var date: Date {
        Self.moment(at)
    }
}
