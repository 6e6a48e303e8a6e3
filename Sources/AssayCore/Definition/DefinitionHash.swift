import Crypto

/// The SHA-256 of a definition's canonical JSON, in lowercase hex.
///
/// Formatting, comments and key order in the YAML do not change it; any change of meaning does.
/// A case pins the hash of the definition it started under.
public struct DefinitionHash: Sendable, Hashable, Codable, CustomStringConvertible {
    public let hex: String

    public init(hex: String) {
        self.hex = hex
    }

    /// The hash of `definition`.
    public init(of definition: FlowDefinition) {
        self.init(canonicalBytes: StoredDefinition.encode(definition))
    }

    /// The hash of a definition whose canonical JSON is `canonicalBytes`.
    public init(canonicalBytes: [UInt8]) {
        hex = Hex.encode(SHA256.hash(data: canonicalBytes))
    }

    /// The first twelve hex digits, enough for a person to tell definitions apart.
    public var short: String { String(hex.prefix(12)) }

    public var description: String { hex }

    public init(from decoder: any Decoder) throws {
        hex = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
