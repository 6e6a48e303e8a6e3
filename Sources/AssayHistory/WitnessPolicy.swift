import AssayCore
import Foundation

/// The witnesses an auditor trusts, and how many of them must have cosigned a checkpoint for
/// it to count: a checkpoint that fewer trusted witnesses cosigned may be one history shown to
/// the auditor and another to everyone else.
public struct WitnessPolicy: Sendable {
    /// A trusted witness: its key name and Ed25519 public key.
    public struct Witness: Sendable, Equatable {
        public var name: String
        public var publicKey: [UInt8]
    }

    public private(set) var witnesses: [Witness]
    /// How many distinct witnesses must have cosigned.
    public let quorum: Int

    /// The witnesses in a file, one per line as `NAME PUBLIC-KEY`, the key as 64 hex digits or
    /// as the verifier key `assay witness init` prints (`NAME+ID+BASE64`); blank lines and lines
    /// starting with `#` are skipped. `quorum` defaults to every witness in the file.
    public init(file path: String, quorum: Int? = nil) throws(AuditError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .witnessKeys("\(path): the file cannot be read") }
        guard let text = String(data: data, encoding: .utf8) else { throw .witnessKeys("\(path): the file is not UTF-8 text") }
        var witnesses: [Witness] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let first = fields.first, !first.hasPrefix("#") else { continue }
            guard fields.count == 2 else { throw .witnessKeys("\(path):\(index + 1): write one witness per line, as NAME PUBLIC-KEY") }
            witnesses.append(try Self.witness(name: fields[0], key: fields[1], source: "\(path):\(index + 1)"))
        }
        try self.init(witnesses, quorum: quorum, source: path)
    }

    /// The `witnesses` given, of which `quorum` (default: all) must have cosigned.
    public init(_ witnesses: [Witness], quorum: Int? = nil, source: String = "the witness keys") throws(AuditError) {
        guard !witnesses.isEmpty else { throw .witnessKeys("\(source): there is no witness") }
        guard Set(witnesses.map(\.name)).count == witnesses.count else { throw .witnessKeys("\(source): a witness is named twice") }
        let quorum = quorum ?? witnesses.count
        guard quorum >= 1, quorum <= witnesses.count else {
            throw .witnessKeys("a quorum of \(quorum) cannot be met by \(witnesses.count) witness\(witnesses.count == 1 ? "" : "es"); give --quorum from 1 to \(witnesses.count)")
        }
        self.witnesses = witnesses
        self.quorum = quorum
    }

    /// A witness from its name and its key as hex or as a verifier key.
    public static func witness(name: String, key: String, source: String) throws(AuditError) -> Witness {
        if let problem = LogOrigin.problem(with: name) { throw .witnessKeys("\(source): the witness name '\(name)': \(problem)") }
        guard let verifier = NoteVerifierKey(hexOrVerifierKey: key, name: name, algorithm: NoteVerifierKey.cosignature), verifier.name == name else {
            throw .witnessKeys(key.contains("+")
                ? "\(source): '\(key)' is not the cosignature verifier key of '\(name)' (NAME+ID+BASE64 with algorithm 0x04)"
                : "\(source): '\(key)' is not an Ed25519 public key: give 64 hex digits, or the verifier key `assay witness init` printed")
        }
        return Witness(name: name, publicKey: verifier.publicKey)
    }

    /// The trusted witnesses that validly cosigned `checkpoint`, each once. A cosignature by an
    /// unknown key, or over another tree head, counts for nothing.
    public func cosigners(of checkpoint: SignedCheckpoint) -> [String] {
        witnesses.filter { witness in
            checkpoint.cosignatures.contains { cosignature in
                cosignature.name == witness.name && Hex.decode(cosignature.publicKey) == witness.publicKey && cosignature.isValid(for: checkpoint)
            }
        }.map(\.name)
    }

    /// The trusted witnesses' cosignatures of `checkpoint` among the signature lines of
    /// `response` (a witness's answer to add-checkpoint). Lines by other keys are ignored, as the
    /// protocol asks; a line by a trusted witness that does not verify for this checkpoint is
    /// an error, and so is a response with no trusted witness's line.
    public func cosignatures(in response: String, for checkpoint: SignedCheckpoint) throws(AuditError) -> [Cosignature] {
        var accepted: [Cosignature] = []
        for line in try SignedNote.signatures(in: response[...]) {
            for witness in witnesses {
                guard let cosignature = Cosignature(line, name: witness.name, publicKey: witness.publicKey) else { continue }
                guard cosignature.isValid(for: checkpoint) else {
                    throw .invalidProof("the cosignature by \(witness.name) is not valid for checkpoint \(checkpoint.number) (size \(checkpoint.treeSize)): it was made over another tree head, or altered")
                }
                accepted.append(cosignature)
            }
        }
        guard !accepted.isEmpty else {
            throw .witnessKeys("no line of the response is by a trusted witness (\(witnesses.map(\.name).joined(separator: ", ")))")
        }
        return accepted
    }

    /// Checks that at least `quorum` trusted witnesses validly cosigned `checkpoint`.
    public func check(_ checkpoint: SignedCheckpoint) throws(AuditError) {
        if let shortfall = shortfall(of: checkpoint) { throw .notWitnessed(checkpoint.number, shortfall) }
    }

    /// Why `checkpoint` falls short of the quorum, or nil when it meets it.
    public func shortfall(of checkpoint: SignedCheckpoint) -> String? {
        let cosigners = cosigners(of: checkpoint)
        guard cosigners.count < quorum else { return nil }
        let ignored = checkpoint.cosignatures.count - cosigners.count
        let seen = cosigners.isEmpty ? "none of them cosigned it" : "only \(cosigners.joined(separator: ", ")) cosigned it"
        return "\(quorum) of the \(witnesses.count) trusted witnesses must have cosigned it, but \(seen)"
            + (ignored > 0 ? " (\(ignored) other cosignature\(ignored == 1 ? " is" : "s are") by an unknown key or not over this tree head)" : "")
    }
}
