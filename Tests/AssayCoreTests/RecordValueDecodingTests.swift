import AssayCore
import Foundation
import Testing

/// `RecordValue.decode(as:)` reads a record's value into a plugin's type without writing JSON:
/// it must accept exactly what `JSONDecoder` accepts from the value's canonical JSON, decode it
/// to the same value, and refuse the rest with the same error.
@Suite("Decoding record values")
struct RecordValueDecodingTests {
    enum Outcome: String, Codable, Equatable { case met, unmet = "not-met" }

    struct Answer: Codable, Equatable {
        var item: String
        var outcome: Outcome
        var points: Int
        var small: Int8?
        var note: String?
        var tags: [String]
        var counts: [String: Int64]
        var nested: [Nested]
        var raw: RecordValue?
        var flag: Bool
        var ratio: Double?
    }

    struct Nested: Codable, Equatable {
        var id: String
        var values: [[Int]]
    }

    static let valid: RecordValue = .object([
        "item": .string("2.9"), "outcome": .string("not-met"), "points": .integer(4), "small": .integer(-3), "tags": .array([.string("a"), .string("b")]),
        "counts": .object(["x": .integer(1), "y": .integer(Int64.max)]), "nested": .array([.object(["id": .string("n"), "values": .array([.array([.integer(1)]), .array([])])])]),
        "raw": .object(["anything": .array([.null, .bool(true)])]), "flag": .bool(false), "ratio": .integer(2), "ignored": .string("extra fields are ignored"),
    ])

    /// The valid value with one field replaced (or removed, when nil).
    static func changed(_ field: String, _ value: RecordValue?) -> RecordValue {
        guard case .object(var members) = valid else { return valid }
        members[field] = value
        return .object(members)
    }

    static let cases: [(String, RecordValue)] = [
        ("valid", valid),
        ("a missing optional", changed("note", nil)),
        ("a null optional", changed("note", .null)),
        ("a missing field", changed("item", nil)),
        ("a null required field", changed("points", .null)),
        ("text for a number", changed("points", .string("4"))),
        ("a number for text", changed("item", .integer(29))),
        ("an unknown enumeration case", changed("outcome", .string("maybe"))),
        ("a list for an object", changed("counts", .array([]))),
        ("an object for a list", changed("tags", .object([:]))),
        ("a wrong item deep in a list", changed("nested", .array([.object(["id": .string("n"), "values": .array([.array([.string("1")])])])]))),
        ("true for a number", changed("points", .bool(true))),
        ("a number for true or false", changed("flag", .integer(1))),
        ("null in a list of text", changed("tags", .array([.string("a"), .null]))),
        ("not an object at all", .array([valid])),
    ]

    @Test("the same value, or the same error, as JSONDecoder on the canonical JSON", arguments: cases.map(\.0))
    func matchesJSONDecoder(_ name: String) throws {
        let value = try #require(Self.cases.first { $0.0 == name }).1
        let expected = Result { try JSONDecoder().decode(Answer.self, from: Data(value.canonicalBytes)) }
        let decoded = Result { try value.decode(as: Answer.self) }
        switch (expected, decoded) {
        case (.success(let want), .success(let got)):
            #expect(got == want)
        case (.failure(let want as DecodingError), .failure(let got as DecodingError)):
            #expect(got.plainDescription == want.plainDescription)
        default:
            Issue.record("JSONDecoder: \(expected); decode(as:): \(decoded)")
        }
    }

    @Test("a number too large for its field names the field (JSONDecoder calls the whole document not JSON)")
    func numberOutOfRange() throws {
        let error = try #require(throws: DecodingError.self) { try Self.changed("small", .integer(300)).decode(as: Answer.self) }
        #expect(error.plainDescription == "the field small is malformed: Number 300 does not fit in Int8.")
    }

    @Test("a date is read as JSONDecoder reads it")
    func dates() throws {
        let value = RecordValue.object(["at": .integer(86_400)])
        struct Dated: Codable, Equatable { var at: Date }
        #expect(try value.decode(as: Dated.self) == JSONDecoder().decode(Dated.self, from: Data(value.canonicalBytes)))
    }
}
