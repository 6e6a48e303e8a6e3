import AssayCore
import Crypto
import Foundation

/// A signed-note verifier key, `NAME+KEYID+BASE64(ALGORITHM || PUBLIC-KEY)`, as Go's `note`
/// package writes it: a log's key (Ed25519, algorithm 0x01) or a witness's cosignature key
/// (`cosignature/v1`, algorithm 0x04). The key ID must be the one the name and key give.
public struct NoteVerifierKey: Sendable, Equatable, CustomStringConvertible {
    /// A log's checkpoint-signing key.
    public static let ed25519: UInt8 = 0x01
    /// A witness's `cosignature/v1` key.
    public static let cosignature: UInt8 = 0x04

    public var name: String
    public var algorithm: UInt8
    public var publicKey: [UInt8]

    public init(name: String, algorithm: UInt8, publicKey: [UInt8]) {
        self.name = name
        self.algorithm = algorithm
        self.publicKey = publicKey
    }

    /// Reads `text`; nil unless it is a well-formed verifier key of `algorithm` for a 32-byte
    /// key whose key ID matches. The base64 may itself hold `+`.
    public init?(_ text: String, algorithm: UInt8) {
        let parts = text.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, let raw = Data(base64Encoded: String(parts[2])), raw.count == 33, raw.first == algorithm else { return nil }
        self.init(name: String(parts[0]), algorithm: algorithm, publicKey: Array(raw.dropFirst()))
        guard Hex.encode(keyID) == parts[1] else { return nil }
    }

    /// A key given as 64 hex digits, then named `name`, or as a verifier key of `algorithm`,
    /// named as it says; nil when it is neither, or not an Ed25519 public key.
    public init?(hexOrVerifierKey text: String, name: String, algorithm: UInt8) {
        if text.contains("+") {
            self.init(text, algorithm: algorithm)
        } else {
            guard text.utf8.count == 64, let key = Hex.decode(text) else { return nil }
            self.init(name: name, algorithm: algorithm, publicKey: key)
        }
        guard Ed25519.isPublicKey(publicKey) else { return nil }
    }

    /// The 4-byte key ID: SHA-256 of the name, a newline, the algorithm byte and the key.
    public var keyID: [UInt8] {
        Self.keyID(name: name, algorithm: algorithm, publicKey: publicKey)
    }

    /// The key ID of the key `publicKey` of `algorithm` named `name`.
    public static func keyID(name: String, algorithm: UInt8, publicKey: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: Array(name.utf8) + [0x0A, algorithm] + publicKey).prefix(4))
    }

    public var description: String {
        "\(name)+\(Hex.encode(keyID))+\(Data([algorithm] + publicKey).base64EncodedString())"
    }
}
