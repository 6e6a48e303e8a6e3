import ArgumentParser

/// `assay witness`: a commission witnessing other commissions' logs.
struct WitnessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness",
        abstract: "Witness other commissions' logs: cosign their checkpoints only when they extend what was cosigned before.",
        discussion: """
        A witness remembers the last checkpoint it cosigned of each log it watches. It cosigns a \
        new checkpoint only when the log's key signed it and a consistency proof shows that it \
        extends the one remembered, so a log cannot show one history to the province and another \
        to an institution without a witness seeing two checkpoints that do not fit. Requests and \
        answers are those of the C2SP tlog-witness protocol, cosignatures C2SP cosignature/v1. \
        The witness's memory is a SQLite file of its own (--state), apart from any log's store.

        Example:
          assay witness init --key province-witness.key --name witness.henan.example/province
          assay witness add-log city.jiaozuo.example/reviews <the log's public key>
          assay witness cosign request.txt > cosignature.txt
        """,
        subcommands: [WitnessInit.self, WitnessAddLog.self, WitnessCosign.self, WitnessShow.self, WitnessServe.self]
    )
}

/// Where a witness keeps its memory.
struct WitnessStateOption: ParsableArguments {
    @Option(name: .customLong("state"), help: "The witness's own store (a SQLite file).")
    var path = "witness.sqlite"
}
