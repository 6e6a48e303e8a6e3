import Crypto

/// A SHA-256 value in the log: an event's leaf hash, a tree's root, a node of a proof.
public struct LogHash: Sendable, Hashable, Codable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// A hash from its 32 bytes.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// A hash from 64 hex digits; nil for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == 64, let bytes = Hex.decode(hex) else { return nil }
        self.bytes = bytes
    }

    /// The RFC 6962 hash of a leaf: SHA-256 of a 0x00 byte and the leaf's data.
    public static func leaf(_ data: [UInt8]) -> LogHash {
        var hasher = SHA256()
        hasher.update(data: leafPrefix)
        hasher.update(data: data)
        return LogHash(bytes: Array(hasher.finalize()))
    }

    /// The RFC 6962 hash of an interior node: SHA-256 of a 0x01 byte and its children's hashes.
    public static func node(_ left: LogHash, _ right: LogHash) -> LogHash {
        var hasher = SHA256()
        hasher.update(data: nodePrefix)
        hasher.update(data: left.bytes)
        hasher.update(data: right.bytes)
        return LogHash(bytes: Array(hasher.finalize()))
    }

    private static let leafPrefix: [UInt8] = [0x00]
    private static let nodePrefix: [UInt8] = [0x01]

    /// The hash of the empty tree: SHA-256 of nothing.
    public static let empty = LogHash(bytes: Array(SHA256.hash(data: [UInt8]())))

    public var hex: String { Hex.encode(bytes) }

    public var description: String { hex }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let hash = LogHash(hex: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not 64 hex digits")
        }
        self = hash
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
