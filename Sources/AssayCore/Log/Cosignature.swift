/// A witness's statement that a checkpoint extends every checkpoint of the same log it saw
/// before: a C2SP `tlog-cosignature` (`cosignature/v1`), an Ed25519 signature over the
/// checkpoint's note body with the witness's time.
///
/// A cosignature is kept beside its checkpoint and added after it, since a witness answers
/// after the log has signed; like every part of history it is never changed or removed.
public struct Cosignature: Sendable, Equatable, Hashable, Codable {
    /// The witness's key name (such as `witness.henan.example/province`).
    public var name: String
    /// The witness's Ed25519 public key, as 64 hex digits.
    public var publicKey: String
    /// When the witness cosigned, in seconds since the Epoch (the format's POSIX timestamp).
    public var time: Int
    /// The Ed25519 signature, in hex.
    public var signature: String

    public init(name: String, publicKey: String, time: Int, signature: String) {
        self.name = name
        self.publicKey = publicKey
        self.time = time
        self.signature = signature
    }

    enum CodingKeys: String, CodingKey {
        case name, publicKey = "public_key", time, signature
    }

    /// The bytes a `cosignature/v1` signs for the checkpoint note body `body`: the header line,
    /// the time line, then the whole body.
    public static func signedMessage(body: String, time: Int) -> [UInt8] {
        Array("cosignature/v1\ntime \(time)\n\(body)".utf8)
    }
}
