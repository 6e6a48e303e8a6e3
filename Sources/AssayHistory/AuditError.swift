import AssayCore

/// A problem with the audit tools' own inputs: key files, proofs, export files.
public enum AuditError: Error, Sendable, Equatable, CustomStringConvertible {
    case keyFile(String, String)
    case signing(String)
    case noSuchEvent(position: Int, logSize: Int)
    case noSuchCheckpoint(Int, count: Int)
    case eventNotCovered(position: Int, treeSize: Int)
    case invalidProof(String)
    case invalidExport(line: Int, String)
    case storeNotEmpty(logSize: Int)
    /// A trusted key or trusted-keys file that cannot be used.
    case trustedKeys(String)
    /// A proof was given without a key the auditor trusts to check it against.
    case noTrustedKey
    /// A checkpoint not validly signed by a key trusted for its log.
    case untrustedCheckpoint(Int, String)
    /// The store's log has no name yet, or a different one.
    case origin(String)
    /// A signed note, or a witness's response, that is not well formed.
    case note(String)
    /// A witness-keys file, or a quorum, that cannot be used.
    case witnessKeys(String)
    /// A checkpoint that too few trusted witnesses cosigned.
    case notWitnessed(Int, String)

    public var description: String {
        switch self {
        case .keyFile(let path, let problem):
            "key file \(path): \(problem)"
        case .signing(let problem):
            "cannot sign the checkpoint: \(problem)"
        case .noSuchEvent(let position, let size):
            "there is no event at position \(position); the log holds \(counted(size, "event"))"
        case .noSuchCheckpoint(let number, let count):
            "there is no checkpoint \(number); the store holds \(counted(count, "checkpoint")) (write one with `assay log checkpoint`)"
        case .eventNotCovered(let position, let size):
            "event \(position) came after the checkpoint, which covers the first \(counted(size, "event")); use a later checkpoint"
        case .invalidProof(let problem):
            "the proof does not verify: \(problem)"
        case .invalidExport(let line, let problem):
            "line \(line) of the export: \(problem); nothing was imported"
        case .storeNotEmpty(let size):
            "the store already holds \(counted(size, "event")); import only into an empty store"
        case .trustedKeys(let problem):
            "trusted keys: \(problem)"
        case .noTrustedKey:
            "a proof holds only against a key you trust, and none was given: pass the operator's public key with --public-key, or a file of trusted keys with --trusted-keys (the key a proof carries proves nothing: anyone can sign with a key of their own)"
        case .untrustedCheckpoint(let number, let problem):
            "checkpoint \(number) is not trusted: \(problem)"
        case .origin(let problem):
            problem
        case .note(let problem):
            "the signed note is malformed: \(problem)"
        case .witnessKeys(let problem):
            "witness keys: \(problem)"
        case .notWitnessed(let number, let problem):
            "checkpoint \(number) is not witnessed: \(problem)"
        }
    }
}
