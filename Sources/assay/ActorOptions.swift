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
        guard Actor.Jurisdiction(text: jurisdiction) != nil, jurisdiction != "system" else {
            throw ValidationError("--for '\(jurisdiction)' is not whom an actor acts for; write institution:ID or region:CODE, such as region:410883")
        }
    }

    var actor: Actor {
        Actor(id: id, role: role, jurisdiction: Actor.Jurisdiction(text: jurisdiction)!)
    }
}
