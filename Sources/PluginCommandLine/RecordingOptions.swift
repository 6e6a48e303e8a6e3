import ArgumentParser
import AssayCore
import Foundation

/// Who records and when, for a command that records only when asked (`--record`): the same
/// options as `ActingOptions`, none required until something is to be recorded.
public struct RecordingOptions: ParsableArguments {
    @Option(name: .customLong("actor"), help: "Who records (with --record): a person's id, such as commission@410800.")
    public var id: String?

    @Option(help: "The role they act in (with --record), such as city-coordinator.")
    public var role: String?

    @Option(name: .customLong("for"), help: "Whom they act for (with --record): institution:ID or region:CODE, such as region:410800.")
    public var jurisdiction: String?

    @Option(help: "When (with --record): 2022-05-10T09:30 (in the campaign's zone) or with its offset (default: now).")
    public var at: String?

    public init() {}

    public func validate() throws {
        try ActingOptions.check(jurisdiction: jurisdiction, at: at)
    }

    /// Who records and when, for `purpose`: a usage error naming what is missing.
    public func acting(_ purpose: String) throws -> (actor: Actor, date: Date) {
        guard let id, let role, let jurisdiction, let found = Actor.Jurisdiction(text: jurisdiction) else {
            let missing = [("--actor", id), ("--role", role), ("--for", jurisdiction)].filter { $0.1 == nil }.map(\.0)
            throw PluginUsageError("\(purpose) needs who records it: give \(missing.joined(separator: ", ")) (such as --actor commission@410800 --role city-coordinator --for region:410800)")
        }
        return (Actor(id: id, role: role, jurisdiction: found), ActingOptions.moment(at))
    }
}
