import ArgumentParser
import AssayCore
import AssayHistory
import Foundation

/// `assay log verify-proof`: checks an inclusion or consistency proof offline, against keys the
/// auditor trusts.
struct LogVerifyProof: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-proof",
        abstract: "Check an inclusion or consistency proof without the database.",
        discussion: """
        A proof holds only against a key you trust: give the operator's public key with \
        --public-key (and, to pin the log, its --origin), or a file of trusted keys with \
        --trusted-keys, one `ORIGIN PUBLIC-KEY` per line. Every checkpoint in the proof must be \
        validly signed by a trusted key for its log. With --witness-keys (one `NAME PUBLIC-KEY` \
        per line) and --quorum K, every checkpoint in the proof must also carry valid \
        cosignatures of K of those witnesses: a checkpoint no independent witness saw may be a \
        history shown to you alone. An inclusion proof then holds when the \
        event's hash and the audit path lead to the checkpoint's root; a consistency proof when \
        both checkpoints are of one log and the path leads from the earlier root to the later. \
        Exits 0 when the proof holds, 1 when it does not, 2 when no trusted key is given or a \
        key or the proof cannot be read.

        Example:
          assay log verify-proof proof.json --trusted-keys trusted.txt
          assay log verify-proof proof.json --trusted-keys trusted.txt --witness-keys witnesses.txt --quorum 1
        """
    )

    @Argument(help: "The proof file written by `assay log prove` (- for standard input).")
    var proof: String

    @Option(name: .customLong("public-key"), help: "The operator's public key (64 hex digits, as `assay log keygen` printed it).")
    var publicKey: String?

    @Option(help: "With --public-key: the origin (log name) the key signs for.")
    var origin: String?

    @Option(name: .customLong("trusted-keys"), help: "A file of trusted keys: one `ORIGIN PUBLIC-KEY` (or `PUBLIC-KEY`) per line.")
    var trustedKeys: String?

    @OptionGroup var witnessKeys: WitnessKeyOptions

    func run() throws {
        let keys = try trusted()
        let witnesses = try witnessKeys.policy()
        let data = InputFile.contents(proof)
        guard let data else { throw CommandFailure.unreadable("cannot read the proof file \(proof)") }
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        do {
            if object?["consistency_path"] != nil {
                let decoded = try decode(ConsistencyProof.self, from: data, what: "a consistency proof")
                try decoded.verify(trusting: keys, witnesses: witnesses)
                print("proof holds: the log of checkpoint \(decoded.second.number) (\(decoded.second.treeSize) events, root \(decoded.second.rootHash.hex)) extends the log of checkpoint \(decoded.first.number) (\(decoded.first.treeSize) events, root \(decoded.first.rootHash.hex)), \(Self.signer(decoded.second))\(Self.witnessed(decoded.second, by: witnesses))")
            } else {
                let decoded = try decode(InclusionProof.self, from: data, what: "an inclusion proof")
                try decoded.verify(trusting: keys, witnesses: witnesses)
                print("proof holds: event \(decoded.position) is in the log of \(decoded.checkpoint.treeSize) events with root \(decoded.checkpoint.rootHash.hex), \(Self.signer(decoded.checkpoint))\(Self.witnessed(decoded.checkpoint, by: witnesses))")
            }
        } catch let error as AuditError {
            print("proof does NOT hold: \(error.description)")
            throw ExitCode.failure
        }
    }

    /// The keys given, or a usage error saying why a proof needs one.
    private func trusted() throws -> TrustedKeys {
        do {
            switch (publicKey, trustedKeys) {
            case (let key?, nil): return try TrustedKeys(publicKey: key, origin: origin)
            case (nil, let file?):
                guard origin == nil else { throw ValidationError("--origin goes with --public-key; a trusted-keys file names each key's origin") }
                return try TrustedKeys(file: file)
            case (nil, nil): throw AuditError.noTrustedKey
            case (_?, _?): throw ValidationError("give --public-key or --trusted-keys, not both")
            }
        } catch let error as AuditError {
            throw ValidationError(error.description)
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, from data: Data, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw CommandFailure.unreadable("\(proof) is not \(what) as `assay log prove` writes it: \(error.plainDescription)")
        }
    }

    private static func witnessed(_ checkpoint: SignedCheckpoint, by witnesses: WitnessPolicy?) -> String {
        guard let witnesses else { return "" }
        return ", cosigned by \(witnesses.cosigners(of: checkpoint).joined(separator: ", "))"
    }

    private static func signer(_ checkpoint: SignedCheckpoint) -> String {
        let log = checkpoint.origin.map { "of the log \($0)" } ?? "of a log signed before logs were named"
        return "\(log), signed by \(checkpoint.publicKey)"
    }
}
