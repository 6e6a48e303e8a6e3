import Foundation

/// A signed tree head: the log's name, size and Merkle root at a moment, signed with the
/// operator's Ed25519 key. Published, it lets anyone check later that the log still contains
/// what it did, and that a later log extends it.
///
/// What is signed is the body of a C2SP `tlog-checkpoint` signed note: the origin, the tree
/// size, the root hash in base64, and the time as an extension line. Checkpoints signed before
/// logs were named (`origin` nil) signed the canonical JSON of size, root and time instead.
public struct SignedCheckpoint: Sendable, Equatable, Codable {
    /// 1 for the first checkpoint, then each next one.
    public var number: Int
    /// The log's name, chosen by its operator (such as `assay.jiaozuo.example/reviews`); nil
    /// for a checkpoint signed before checkpoints named their log.
    public var origin: String?
    /// How many log entries the tree covers.
    public var treeSize: Int
    public var rootHash: LogHash
    public var at: Timestamp
    /// The Ed25519 public key that signed, as 64 hex digits.
    public var publicKey: String
    /// The Ed25519 signature of `signedBytes`, in hex.
    public var signature: String
    /// The witnesses' cosignatures of this checkpoint, in the order they were added. Not part
    /// of what the operator signs.
    public var cosignatures: [Cosignature]

    public init(number: Int, origin: String?, treeSize: Int, rootHash: LogHash, at: Timestamp, publicKey: String, signature: String,
                cosignatures: [Cosignature] = []) {
        self.number = number
        self.origin = origin
        self.treeSize = treeSize
        self.rootHash = rootHash
        self.at = at
        self.publicKey = publicKey
        self.signature = signature
        self.cosignatures = cosignatures
    }

    enum CodingKeys: String, CodingKey {
        case number, origin, treeSize = "tree_size", rootHash = "root_hash", at, publicKey = "public_key", signature, cosignatures
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        number = try container.decode(Int.self, forKey: .number)
        origin = try container.decodeIfPresent(String.self, forKey: .origin)
        treeSize = try container.decode(Int.self, forKey: .treeSize)
        rootHash = try container.decode(LogHash.self, forKey: .rootHash)
        at = try container.decode(Timestamp.self, forKey: .at)
        publicKey = try container.decode(String.self, forKey: .publicKey)
        signature = try container.decode(String.self, forKey: .signature)
        cosignatures = try container.decodeIfPresent([Cosignature].self, forKey: .cosignatures) ?? []
    }

    /// Encodes the checkpoint; `cosignatures` only when there are some, so a checkpoint no
    /// witness cosigned reads as it did before witnesses.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(number, forKey: .number)
        try container.encodeIfPresent(origin, forKey: .origin)
        try container.encode(treeSize, forKey: .treeSize)
        try container.encode(rootHash, forKey: .rootHash)
        try container.encode(at, forKey: .at)
        try container.encode(publicKey, forKey: .publicKey)
        try container.encode(signature, forKey: .signature)
        if !cosignatures.isEmpty { try container.encode(cosignatures, forKey: .cosignatures) }
    }

    /// The bytes that are signed.
    public var signedBytes: [UInt8] {
        Self.signedBytes(origin: origin, treeSize: treeSize, rootHash: rootHash, at: at)
    }

    public static func signedBytes(origin: String?, treeSize: Int, rootHash: LogHash, at: Timestamp) -> [UInt8] {
        guard let origin else { return legacySignedBytes(treeSize: treeSize, rootHash: rootHash, at: at) }
        return Array(noteBody(origin: origin, treeSize: treeSize, rootHash: rootHash, at: at).utf8)
    }

    /// The body of the checkpoint's signed note (C2SP tlog-checkpoint): origin, decimal tree
    /// size, base64 root hash, then the time in milliseconds as an extension line.
    public static func noteBody(origin: String, treeSize: Int, rootHash: LogHash, at: Timestamp) -> String {
        "\(origin)\n\(treeSize)\n\(Data(rootHash.bytes).base64EncodedString())\ntime-ms \(at.milliseconds)\n"
    }

    /// What checkpoints signed before logs were named signed: canonical JSON of size, root, time.
    static func legacySignedBytes(treeSize: Int, rootHash: LogHash, at: Timestamp) -> [UInt8] {
        Array("{\"at\":\(at.milliseconds),\"root_hash\":\"\(rootHash.hex)\",\"tree_size\":\(treeSize)}".utf8)
    }
}

/// A log's name: what its checkpoints sign, so a checkpoint of one log never passes for another's.
public enum LogOrigin {
    /// Why `text` cannot name a log, or nil when it can: it must be non-empty, at most 255
    /// bytes, without spaces, control characters or `+` (the C2SP signed-note rules for key
    /// names), such as `assay.jiaozuo.example/reviews`.
    public static func problem(with text: String) -> String? {
        if text.isEmpty { return "an origin cannot be empty" }
        if text.utf8.count > 255 { return "an origin is at most 255 bytes long" }
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control || $0 == "+" }) {
            return "an origin holds no spaces, control characters or '+'; write it like a URL without its scheme, such as assay.jiaozuo.example/reviews"
        }
        return nil
    }
}
