/// A six-character region code in the GB/T 2260 scheme: `410000` Henan province, `410800`
/// Jiaozuo city, `410821` Xiuwu county.
///
/// The first two characters name the province and the first four the city, so containment is a
/// prefix test. Units without a GB/T 2260 code (such as a functional zone) get a local code under
/// their city with a letter in the last two characters, like `4108A1`, which can never collide
/// with an official code.
public struct RegionCode: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let code: String

    /// A region code, or nil unless `code` is six ASCII letters or digits with a numeric
    /// province and city part.
    public init?(_ code: String) {
        let bytes = code.utf8
        guard bytes.count == 6,
              bytes.prefix(4).allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              bytes.dropFirst(4).allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) })
        else { return nil }
        self.code = code
    }

    /// The region's level, read from the code.
    public var level: RegionLevel {
        // Six ASCII characters (the initialiser checks): the last four are read as bytes.
        let tail = code.utf8.suffix(4)
        if tail.elementsEqual("0000".utf8) { return .province }
        if tail.suffix(2).elementsEqual("00".utf8) { return .city }
        return .county
    }

    /// Whether `other` lies within this region (a region contains itself).
    public func contains(_ other: RegionCode) -> Bool {
        switch level {
        case .province: return other.code.utf8.prefix(2).elementsEqual(code.utf8.prefix(2))
        case .city: return other.code.utf8.prefix(4).elementsEqual(code.utf8.prefix(4))
        case .county, .institution: return other == self
        }
    }

    public static func < (lhs: RegionCode, rhs: RegionCode) -> Bool { lhs.code < rhs.code }

    public var description: String { code }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let code = RegionCode(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a six-character region code such as 410821")
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
