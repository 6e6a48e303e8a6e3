/// A signed tree head: the log's size and Merkle root at a moment, signed with the operator's
/// Ed25519 key. Published, it lets anyone check later that the log still contains what it did.
public struct SignedCheckpoint: Sendable, Equatable, Codable {
    /// 1 for the first checkpoint, then each next one.
    public var number: Int
    /// How many log entries the tree covers.
    public var treeSize: Int
    public var rootHash: LogHash
    public var at: Timestamp
    /// The Ed25519 public key that signed, as 64 hex digits.
    public var publicKey: String
    /// The Ed25519 signature of `signedBytes`, in hex.
    public var signature: String

    public init(number: Int, treeSize: Int, rootHash: LogHash, at: Timestamp, publicKey: String, signature: String) {
        self.number = number
        self.treeSize = treeSize
        self.rootHash = rootHash
        self.at = at
        self.publicKey = publicKey
        self.signature = signature
    }

    enum CodingKeys: String, CodingKey {
        case number, treeSize = "tree_size", rootHash = "root_hash", at, publicKey = "public_key", signature
    }

    /// The bytes that are signed: the canonical JSON of the tree size, root and time.
    public var signedBytes: [UInt8] {
        Self.signedBytes(treeSize: treeSize, rootHash: rootHash, at: at)
    }

    public static func signedBytes(treeSize: Int, rootHash: LogHash, at: Timestamp) -> [UInt8] {
        struct TreeHead: Encodable {
            var tree_size: Int
            var root_hash: String
            var at: Int64
        }
        // Integers and strings always encode canonically.
        return try! CanonicalJSON.encode(TreeHead(tree_size: treeSize, root_hash: rootHash.hex, at: at.milliseconds))
    }
}
