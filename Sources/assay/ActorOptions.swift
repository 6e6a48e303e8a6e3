import ArgumentParser
import AssayCore

/// Who acts: `--actor ID --role ROLE --for institution:ID|region:CODE`. The command line is the
/// operator's tool, so the actor is stated, not authenticated (the server will authenticate).
struct ActorOptions: ParsableArguments {
    @Option(name: .customLong("actor"), help: "Who acts: a person's id, such as county-expert-1@410883.")
    var id: String

    @Option(help: "The role they act in, as the flow names it, such as county-expert.")
    var role: String

    @Option(name: .customLong("for"), help: "Whom they act for: institution:ID or region:CODE (GB/T 2260, such as region:410883).")
    var jurisdiction: String

    func validate() throws {
        _ = try Self.jurisdiction(jurisdiction)
    }

    var actor: Actor {
        get throws { Actor(id: id, role: role, jurisdiction: try Self.jurisdiction(jurisdiction)) }
    }

    /// The jurisdiction `--for` names: an institution or a region, never the system.
    static func jurisdiction(_ text: String) throws(ValidationError) -> Actor.Jurisdiction {
        guard let jurisdiction = Actor.Jurisdiction(text: text), jurisdiction != .system else {
            throw ValidationError("--for '\(text)' is not whom an actor acts for; write institution:ID or region:CODE, such as region:410883")
        }
        return jurisdiction
    }
}
