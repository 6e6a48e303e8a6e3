import ArgumentParser

/// `assay definition`: ties cases to the exact rules they followed.
struct Definition: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "definition",
        abstract: "Show a stored definition by its hash, or compute the hash of a flow file.",
        discussion: """
        Every case pins the content hash of the definition it opened under (`assay history` \
        shows it): the SHA-256 of the definition's canonical JSON. `assay definition show HASH` \
        prints the definition the store holds under that hash; `assay definition hash FILE` \
        computes the hash of a YAML flow, so an auditor can tell which file a case followed.

        Example:
          assay definition hash Workflows/basic-standard.yaml
        """,
        subcommands: [DefinitionShow.self, DefinitionHashCommand.self]
    )
}
