import ArgumentParser

/// `assay log`: the Merkle log's keys, checkpoints and proofs.
struct Log: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sign checkpoints of the log, and prove that an event is in it.",
        discussion: """
        The log is a Merkle tree over every event (RFC 6962). A checkpoint is a signed tree \
        head: the log's size and root hash at a moment, signed with the operator's Ed25519 key. \
        Publish checkpoints; an auditor holding one can check an inclusion proof without the \
        database.
        """,
        subcommands: [LogKeygen.self, LogCheckpoint.self, LogProve.self, LogVerifyProof.self]
    )
}
