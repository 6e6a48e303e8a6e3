import Crypto

/// Ed25519 as every signature of the history is checked: a checkpoint's, a note line's, a
/// witness's cosignature.
public enum Ed25519 {
    /// Whether `signature` is `publicKey`'s Ed25519 signature of `message`; false for a key that
    /// is not an Ed25519 public key.
    public static func isValid(_ signature: [UInt8], of message: [UInt8], by publicKey: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: message)
    }

    /// Whether `bytes` are an Ed25519 public key.
    public static func isPublicKey(_ bytes: [UInt8]) -> Bool {
        (try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)) != nil
    }
}
