import AssayCore

/// A unified social credit code (统一社会信用代码, GB 32100-2015): the 18-character identifier of an
/// institution. Built only from text that passes every rule of the standard.
public struct SocialCreditCode: Sendable, Hashable, CustomStringConvertible {
    /// The 31 characters a code may use: digits and capitals without I, O, Z, S and V.
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    /// The weights of characters 1 to 17 in the final check (3^(i-1) modulo 31).
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// The registration authorities (登记管理部门) and the institution categories each registers.
    static let categories: [Character: (authority: String, categories: [Character: String])] = [
        "1": ("institutional staffing (机构编制)", ["1": "government organ", "2": "public institution (事业单位)", "3": "mass organisation", "9": "other"]),
        "5": ("civil affairs (民政)", ["1": "social organisation", "2": "private non-enterprise unit (民办非企业单位)", "3": "foundation", "9": "other"]),
        "9": ("market regulation (工商)", ["1": "enterprise", "2": "individual business", "3": "farmers' cooperative"]),
        "Y": ("other authorities", ["1": "other"]),
    ]

    public let text: String

    public var description: String { text }

    /// The registration authority's code, character 1.
    public var authority: Character { text.first! }
    /// The institution category's code, character 2.
    public var category: Character { Character(Unicode.Scalar(text.utf8.dropFirst().first!)) }
    /// The administrative division of the registration authority, characters 3 to 8.
    public var division: String { characters(2..<8) }
    /// The organisation code, characters 9 to 17.
    public var organizationCode: String { characters(8..<17) }

    /// The characters at `offsets` (a code is ASCII, a byte a character).
    private func characters(_ offsets: Range<Int>) -> String {
        String(decoding: text.utf8.dropFirst(offsets.lowerBound).prefix(offsets.count), as: UTF8.self)
    }

    /// Why `text` is not a unified social credit code: the first rule it breaks, by position.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case length(Int)
        case character(position: Int, found: Character)
        case authority(found: Character)
        case category(found: Character, authority: Character)
        case division(found: String)
        case organizationCheck(expected: Character, found: Character)
        case check(expected: Character, found: Character)

        public var description: String {
            switch self {
            case .length(let count):
                "a unified social credit code has 18 characters, not \(count)"
            case .character(let position, let found):
                "character \(position) is '\(found)', which a code does not use (digits and capitals other than I, O, Z, S and V)"
            case .authority(let found):
                "character 1 is the registration authority: 1, 5, 9 or Y, not '\(found)'"
            case .category(let found, let authority):
                "character 2 is the institution category, one of \(SocialCreditCode.categories[authority]!.categories.keys.sorted().map(String.init).joined(separator: ", ")) under authority \(authority), not '\(found)'"
            case .division(let found):
                "characters 3 to 8 are an administrative division code of six digits, not '\(found)'"
            case .organizationCheck(let expected, let found):
                "character 17 (the organisation code's check, GB 11714) should be '\(expected)', not '\(found)'"
            case .check(let expected, let found):
                "character 18 should be '\(expected)', not '\(found)'"
            }
        }
    }

    /// Each ASCII byte's value in the alphabet, or -1: the check runs on bytes, not characters.
    private static let values: [Int8] = {
        var values = [Int8](repeating: -1, count: 128)
        for (value, character) in alphabet.enumerated() { values[Int(character.asciiValue!)] = Int8(value) }
        return values
    }()

    /// The code `text`, or the first rule it breaks.
    public init(_ text: String) throws(Problem) {
        let bytes = Array(text.utf8)
        guard bytes.count == 18, bytes.allSatisfy({ $0 < 128 }) else {
            let characters = Array(text)
            if characters.count != 18 { throw .length(characters.count) }
            let position = characters.firstIndex { !$0.isASCII }!
            throw .character(position: position + 1, found: characters[position])
        }
        var sum = 0
        for (index, byte) in bytes.enumerated() {
            let value = Int(Self.values[Int(byte)])
            guard value >= 0 else { throw .character(position: index + 1, found: Character(UnicodeScalar(byte))) }
            if index < 17 { sum += value * Self.weights[index] }
        }
        let characters = bytes.map { Character(UnicodeScalar($0)) }
        guard let registered = Self.categories[characters[0]] else { throw .authority(found: characters[0]) }
        guard registered.categories[characters[1]] != nil else { throw .category(found: characters[1], authority: characters[0]) }
        guard bytes[2..<8].allSatisfy({ (48...57).contains($0) }) else { throw .division(found: String(characters[2..<8])) }
        if let expected = OrganizationCode.checkCharacter(of: characters[8..<16]), characters[16] != expected {
            throw .organizationCheck(expected: expected, found: characters[16])
        }
        let expected = Self.alphabet[(31 - sum % 31) % 31]
        guard characters[17] == expected else { throw .check(expected: expected, found: characters[17]) }
        self.text = text
    }

    /// The final check character of 17 characters of the alphabet: 31 minus the weighted sum
    /// modulo 31 (0 for 31).
    static func checkCharacter(of body: some Collection<Character>) -> Character {
        var sum = 0
        for (character, weight) in zip(body, weights) {
            sum += (alphabet.firstIndex(of: character) ?? 0) * weight
        }
        return alphabet[(31 - sum % 31) % 31]
    }

    /// The code built from its parts by the standard's algorithm: authority, category, division
    /// and the eight body characters of the organisation code; both check characters computed.
    public static func make(authority: Character, category: Character, division: String, organizationBody: String) -> SocialCreditCode? {
        guard let organizationCheck = OrganizationCode.checkCharacter(of: Array(organizationBody)) else { return nil }
        let body = Array("\(authority)\(category)\(division)\(organizationBody)\(organizationCheck)")
        return try? SocialCreditCode(String(body + [checkCharacter(of: body)]))
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) && isASCII }
}
