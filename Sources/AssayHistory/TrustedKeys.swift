import AssayCore
import Foundation

/// The checkpoint keys an auditor trusts, each for one log's origin or for any log.
///
/// A proof holds only if its checkpoints are signed by one of these: a checkpoint signed with
/// whatever key it carries shows only that someone signed it.
public struct TrustedKeys: Sendable {
    /// A trusted Ed25519 public key, and the one log it signs for (nil: any).
    public struct Key: Sendable, Equatable {
        public var publicKey: [UInt8]
        public var origin: String?
    }

    public private(set) var keys: [Key]

    /// One key, given as 64 hex digits, for `origin` or for any log.
    public init(publicKey hex: String, origin: String? = nil) throws(AuditError) {
        keys = [try Self.key(hex, origin: origin, source: "--public-key")]
    }

    /// The keys in a file: one per line, `ORIGIN PUBLIC-KEY` (64 hex digits) or `PUBLIC-KEY`
    /// alone for any log; blank lines and lines starting with `#` are skipped.
    public init(file path: String) throws(AuditError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .trustedKeys("\(path): the file cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .trustedKeys("\(path): the file is not UTF-8 text")
        }
        keys = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let first = fields.first, !first.hasPrefix("#") else { continue }
            let source = "\(path):\(index + 1)"
            switch fields.count {
            case 1: keys.append(try Self.key(first, origin: nil, source: source))
            case 2: keys.append(try Self.key(fields[1], origin: first, source: source))
            default: throw .trustedKeys("\(source): write one key per line, as ORIGIN PUBLIC-KEY or PUBLIC-KEY")
            }
        }
        guard !keys.isEmpty else { throw .trustedKeys("\(path): the file holds no key") }
    }

    private static func key(_ hex: String, origin: String?, source: String) throws(AuditError) -> Key {
        guard hex.utf8.count == 64, let bytes = Hex.decode(hex), Ed25519.isPublicKey(bytes) else {
            throw .trustedKeys("\(source): '\(hex)' is not an Ed25519 public key; give the 64 hex digits `assay log keygen` printed")
        }
        if let origin, let problem = LogOrigin.problem(with: origin) {
            throw .trustedKeys("\(source): '\(origin)' is not an origin: \(problem)")
        }
        return Key(publicKey: bytes, origin: origin)
    }

    /// Checks that `checkpoint` is validly signed by a trusted key that may sign for its log.
    public func check(_ checkpoint: SignedCheckpoint) throws(AuditError) {
        let signer = Hex.decode(checkpoint.publicKey)
        let candidates = keys.filter { $0.publicKey == signer }
        guard !candidates.isEmpty else {
            throw .untrustedCheckpoint(checkpoint.number, "it is signed by \(checkpoint.publicKey), which is not a trusted key")
        }
        guard candidates.contains(where: { $0.origin == nil || $0.origin == checkpoint.origin }) else {
            let origins = candidates.compactMap(\.origin).joined(separator: ", ")
            throw .untrustedCheckpoint(checkpoint.number, "it is of the log \(checkpoint.origin.map { "'\($0)'" } ?? "with no name"), but its key is trusted only for \(origins)")
        }
        guard checkpoint.hasValidSignature() else {
            throw .untrustedCheckpoint(checkpoint.number, "its signature is not valid")
        }
    }
}
