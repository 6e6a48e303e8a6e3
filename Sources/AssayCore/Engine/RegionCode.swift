/// A six-character region code in the GB/T 2260 scheme: `410000` Henan province, `410800`
/// Jiaozuo city, `410821` Xiuwu county.
///
/// The first two characters name the province and the first four the city, so containment is a
/// prefix test. Units without a GB/T 2260 code (such as a functional zone) get a local code under
/// their city with a letter in the last two characters, like `4108A1`, which can never collide
/// with an official code.
public struct RegionCode: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let code: String
    /// The six characters as one number, first character highest: prefixes compare as shifts.
    /// (Every decision compares an actor's region with an institution's.)
    private let packed: UInt64

    /// A region code, or nil unless `code` is six ASCII letters or digits with a numeric
    /// province and city part.
    public init?(_ code: String) {
        let bytes = code.utf8
        guard bytes.count == 6,
              bytes.prefix(4).allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              bytes.dropFirst(4).allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) })
        else { return nil }
        self.code = code
        packed = bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The code's first `count` characters, as a number.
    private func prefix(_ count: Int) -> UInt64 { packed >> UInt64(8 * (6 - count)) }

    /// The region's level, read from the code.
    public var level: RegionLevel {
        if packed & 0xFFFF_FFFF == Self.zeros & 0xFFFF_FFFF { return .province }
        if packed & 0xFFFF == Self.zeros & 0xFFFF { return .city }
        return .county
    }

    /// `000000` packed: the ends of province and city codes.
    private static let zeros: UInt64 = 0x30_30_30_30_30_30

    /// What the code of every region within this one begins with: the province's two
    /// characters, the city's four, or the county's whole code.
    public var containedPrefix: String {
        switch level {
        case .province: String(code.prefix(2))
        case .city: String(code.prefix(4))
        case .county, .institution: code
        }
    }

    /// Whether `other` lies within this region (a region contains itself).
    public func contains(_ other: RegionCode) -> Bool {
        switch level {
        case .province: return other.prefix(2) == prefix(2)
        case .city: return other.prefix(4) == prefix(4)
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
