import AssayCore
import Crypto
import Foundation

/// An Ed25519 key that signs checkpoints, kept in a file only its holder reads: the operator's,
/// which signs the log's checkpoints, or a witness's, which cosigns them.
///
/// The file holds the private key as 64 hex digits on one line.
public struct CheckpointKey: Sendable {
    let privateKey: Curve25519.Signing.PrivateKey

    /// A new random key.
    public init() {
        privateKey = Curve25519.Signing.PrivateKey()
    }

    /// The key in the file at `path`.
    public init(file path: String) throws(AuditError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .keyFile(path, "it cannot be read; create one with `assay log keygen --out \(path)`")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let raw = LogHash(hex: text), let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw.bytes) else {
            throw .keyFile(path, "it does not hold an Ed25519 private key as 64 hex digits")
        }
        privateKey = key
    }

    /// Writes the key to a new file at `path`, readable by its owner only; never overwrites.
    public func write(to path: String) throws(AuditError) {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw .keyFile(path, "a file is already there; keys are never overwritten")
        }
        let hex = Hex.encode(privateKey.rawRepresentation) + "\n"
        guard FileManager.default.createFile(atPath: path, contents: Data(hex.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw .keyFile(path, "it cannot be created")
        }
    }

    /// The public key, as 64 hex digits: what auditors use to check checkpoints.
    public var publicKey: String {
        Hex.encode(privateKey.publicKey.rawRepresentation)
    }

    /// Signs the tree head of the log named `origin`, of `treeSize` entries with root
    /// `rootHash`, at `at`.
    public func sign(number: Int, origin: String, treeSize: Int, rootHash: LogHash, at: Timestamp) throws(AuditError) -> SignedCheckpoint {
        if let problem = LogOrigin.problem(with: origin) { throw .signing(problem) }
        let bytes = SignedCheckpoint.signedBytes(origin: origin, treeSize: treeSize, rootHash: rootHash, at: at)
        guard let signature = try? privateKey.signature(for: bytes) else {
            throw .signing("the signature could not be computed")
        }
        return SignedCheckpoint(number: number, origin: origin, treeSize: treeSize, rootHash: rootHash, at: at,
                                publicKey: publicKey, signature: Hex.encode(signature))
    }
}

extension SignedCheckpoint {
    /// Whether the signature is valid for the checkpoint's own public key. This shows only that
    /// whoever holds that key signed it; `TrustedKeys.check(_:)` shows that a trusted key did.
    public func hasValidSignature() -> Bool {
        guard let key = Hex.decode(publicKey), let signature = Hex.decode(signature) else { return false }
        return Ed25519.isValid(signature, of: signedBytes, by: key)
    }
}
