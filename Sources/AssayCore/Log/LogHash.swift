import Crypto

/// A SHA-256 value in the log: an event's leaf hash, a tree's root, a node of a proof.
///
/// Kept inline (four words, no heap allocation), since verifying a log makes one for every
/// event and every node of its tree.
public struct LogHash: Sendable, Hashable, Codable, CustomStringConvertible {
    private enum Storage: Hashable {
        /// The 32 bytes, in order, as four words of memory.
        case digest(UInt64, UInt64, UInt64, UInt64)
        /// Bytes of another length, as a damaged store may hold: equal to no digest.
        case malformed([UInt8])
    }

    private let storage: Storage

    /// A hash from its 32 bytes (bytes of another length make a hash equal to no digest).
    public init(bytes: [UInt8]) {
        storage = bytes.withUnsafeBytes { Self.storage(of: $0) }
    }

    /// A hash from its 32 bytes in memory, such as a database's buffer, copied.
    public init(copying raw: UnsafeRawBufferPointer) {
        storage = Self.storage(of: raw)
    }

    /// A hash from 64 hex digits; nil for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == 64, let bytes = Hex.decode(hex) else { return nil }
        self.init(bytes: bytes)
    }

    private init(digest: SHA256.Digest) {
        storage = digest.withUnsafeBytes { Self.storage(of: $0) }
    }

    private static func storage(of raw: UnsafeRawBufferPointer) -> Storage {
        guard raw.count == 32 else { return .malformed(Array(raw)) }
        return .digest(raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                       raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
    }

    /// Calls `body` with the hash's bytes, without copying them.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        switch storage {
        case .digest(let a, let b, let c, let d):
            var words = (a, b, c, d)
            return try Swift.withUnsafeBytes(of: &words, body)
        case .malformed(let bytes):
            return try bytes.withUnsafeBytes(body)
        }
    }

    /// The hash's bytes.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// The RFC 6962 hash of a leaf: SHA-256 of a 0x00 byte and the leaf's data.
    public static func leaf(_ data: [UInt8]) -> LogHash {
        var hasher = SHA256()
        Swift.withUnsafeBytes(of: UInt8(0x00)) { hasher.update(bufferPointer: $0) }
        data.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return LogHash(digest: hasher.finalize())
    }

    /// The RFC 6962 hash of an interior node: SHA-256 of a 0x01 byte and its children's hashes.
    ///
    /// The 65 bytes are laid out on the stack and hashed in one call: a log's tree has a node
    /// for nearly every event, and each call into the hasher costs more than the bytes do.
    public static func node(_ left: LogHash, _ right: LogHash) -> LogHash {
        left.withUnsafeBytes { left in
            right.withUnsafeBytes { right in
                withUnsafeTemporaryAllocation(byteCount: 1 + left.count + right.count, alignment: 8) { input in
                    input[0] = 0x01
                    UnsafeMutableRawBufferPointer(rebasing: input[1...]).copyMemory(from: left)
                    UnsafeMutableRawBufferPointer(rebasing: input[(1 + left.count)...]).copyMemory(from: right)
                    var hasher = SHA256()
                    hasher.update(bufferPointer: UnsafeRawBufferPointer(input))
                    return LogHash(digest: hasher.finalize())
                }
            }
        }
    }

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
