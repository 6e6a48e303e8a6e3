import ArgumentParser

/// `assay case`: drives cases from the shell.
struct Case: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Open cases, take actions on them, and see where they stand.",
        discussion: """
        Each command that acts names the actor: --actor ID --role ROLE --for institution:ID or \
        region:CODE. Times default to now; --at sets one (2022-03-01T09:00, in this machine's \
        zone or --time-zone, or with its offset). A refused action prints the reason, exits 1 \
        and writes nothing. The flows are the ones built into assay (or --workflows), and every \
        definition the store holds.

        Example:
          assay case show bs/1 --actor staff@410883-002 --role institution --for institution:410883-002
        """,
        subcommands: [CaseOpen.self, CaseOpenMany.self, CaseTake.self, CaseShow.self, CaseList.self]
    )
}
