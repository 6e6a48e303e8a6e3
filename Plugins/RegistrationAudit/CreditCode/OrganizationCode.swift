/// The organisation code of GB 11714-1997 (组织机构代码): eight body characters (digits and
/// capital letters) and a check character, as characters 9 to 17 of a unified social credit code.
enum OrganizationCode {
    /// The weights of the eight body characters.
    static let weights = [3, 7, 9, 10, 5, 8, 4, 2]

    /// A body character's value: 0–9 for digits, 10–35 for A–Z; nil for anything else.
    static func value(of character: Character) -> Int? {
        guard let ascii = character.asciiValue else { return nil }
        switch ascii {
        case 48...57: return Int(ascii) - 48
        case 65...90: return Int(ascii) - 55
        default: return nil
        }
    }

    /// The check character of eight body characters: 11 minus the weighted sum modulo 11,
    /// written `X` for 10 and `0` for 11. Nil when a body character is not a digit or capital.
    static func checkCharacter(of body: some Collection<Character>) -> Character? {
        guard body.count == 8 else { return nil }
        var sum = 0
        for (character, weight) in zip(body, weights) {
            guard let value = value(of: character) else { return nil }
            sum += value * weight
        }
        switch 11 - sum % 11 {
        case 10: return "X"
        case 11: return "0"
        case let digit: return Character(String(digit))
        }
    }
}
