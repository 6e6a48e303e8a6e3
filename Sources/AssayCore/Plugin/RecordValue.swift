import Foundation

/// What a plugin record holds: JSON of whole numbers, text, true and false, null, lists and
/// objects — the values canonical JSON writes exactly (a decimal is kept as text), so a record's
/// bytes, and so its hash, never depend on how a number was formatted.
public enum RecordValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case integer(Int64)
    case string(String)
    case array([RecordValue])
    case object([String: RecordValue])

    /// The record value of `value`, as its canonical JSON writes it (built from the encoded
    /// tree, not by writing and reading that JSON).
    public init<T: Encodable>(encoding value: T) throws(CanonicalEncodingError) {
        self = try CanonicalJSON.tree(of: value).recordValue()
    }

    /// The record value of an encoded tree; a whole number beyond 64 bits cannot be one.
    init(_ tree: JSONValue) throws(CanonicalEncodingError) {
        switch tree {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .string(let value): self = .string(value)
        case .integer(let digits):
            guard let value = Int64(digits) else {
                throw CanonicalEncodingError(path: "", reason: "\(digits) is beyond a record's whole numbers (64 bits)")
            }
            self = .integer(value)
        case .array(let items): self = .array(try items.map { item throws(CanonicalEncodingError) in try RecordValue(item) })
        case .object(let members):
            var values: [String: RecordValue] = [:]
            values.reserveCapacity(members.count)
            for (key, member) in members { values[key] = try RecordValue(member) }
            self = .object(values)
        }
    }

    /// The value as `T`, read from the value itself as `JSONDecoder` would read its canonical
    /// JSON (the same values accepted, the same errors), without writing that JSON.
    public func decode<T: Decodable>(as type: T.Type) throws -> T {
        try RecordValueDecoder.decode(type, from: self, at: [])
    }

    /// The value written plainly for people: an object's fields as `name value`, separated by
    /// commas in their names' order, nested ones in parentheses; a list's items separated by
    /// semicolons; text as it is; empty fields left out.
    public var plainText: String {
        switch self {
        case .null: return "none"
        case .bool(let value): return value ? "yes" : "no"
        case .integer(let value): return String(value)
        case .string(let value): return value
        case .array(let items): return items.map(\.nested).joined(separator: "; ")
        case .object(let members):
            return members.keys.sorted().compactMap { name in
                let value = members[name]!
                switch value {
                case .null: return nil
                case .array(let items) where items.isEmpty: return nil
                case .object(let fields) where fields.isEmpty: return nil
                default: return "\(name) \(value.nested)"
                }
            }.joined(separator: ", ")
        }
    }

    /// `plainText`, in parentheses when it is an object's.
    private var nested: String {
        if case .object = self { return "(\(plainText))" }
        return plainText
    }

    /// The value's canonical JSON.
    public var canonicalBytes: [UInt8] {
        var writer = CanonicalWriter(capacity: 128)
        write(to: &writer)
        return writer.bytes
    }

    func write(to writer: inout CanonicalWriter) {
        switch self {
        case .null: writer.null()
        case .bool(let value): writer.bool(value)
        case .integer(let value): writer.integer(value)
        case .string(let value): writer.string(value)
        case .array(let items): writer.array { list in for item in items { item.write(to: &list) } }
        case .object(let members):
            writer.object { object in
                for (key, value) in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                    object.key(key)
                    value.write(to: &object)
                }
            }
        }
    }

    /// Reads a value in canonical form.
    init(reading reader: inout CanonicalReader) throws(CanonicalReader.Failure) {
        switch reader.peek() {
        case UInt8(ascii: "n"):
            try reader.null()
            self = .null
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            self = .bool(try reader.bool())
        case UInt8(ascii: "\""):
            self = .string(try reader.string())
        case UInt8(ascii: "["):
            try reader.beginArray()
            var items: [RecordValue] = []
            while try reader.nextItem() { items.append(try RecordValue(reading: &reader)) }
            self = .array(items)
        case UInt8(ascii: "{"):
            try reader.beginObject()
            var members: [String: RecordValue] = [:]
            var previous: String?
            while let key = try reader.nextKey(after: previous) {
                members[key] = try RecordValue(reading: &reader)
                previous = key
            }
            try reader.endObject()
            self = .object(members)
        default:
            self = .integer(try reader.integer())
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([RecordValue].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: RecordValue].self) {
            self = .object(value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a record value: a decimal number is written as text")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let items): try container.encode(items)
        case .object(let members): try container.encode(members)
        }
    }
}
