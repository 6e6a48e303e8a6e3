import ArgumentParser

/// `assay log`: the Merkle log's keys, checkpoints and proofs.
struct Log: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Sign checkpoints of the log; prove that an event is in it, or that it extends an earlier checkpoint.",
        discussion: """
        The log is a Merkle tree over every event (RFC 6962). A checkpoint is a signed tree \
        head: the log's name, size and root hash at a moment, signed with the operator's Ed25519 \
        key. Publish checkpoints; an auditor holding one and the operator's public key can check \
        inclusion and consistency proofs without the database.

        Example:
          assay log checkpoint --key operator.key --origin example.org/jiaozuo-2022
        """,
        subcommands: [LogKeygen.self, LogCheckpoint.self, LogShow.self, LogProve.self, LogVerifyProof.self, LogRequest.self, LogAddCosignatures.self]
    )
}
