import Foundation

/// Decodes a `Decodable` type straight from a `RecordValue` tree, as `JSONDecoder` would from the
/// value's canonical JSON (the same values accepted, the same `DecodingError`s with the same coding
/// paths), without writing the JSON and parsing it again: a record is read once from the log's
/// canonical bytes into its tree, and from the tree into the plugin's type. Types `JSONDecoder`
/// treats specially (dates, data, URLs, decimals) are handed to it.
struct RecordValueDecoder: Decoder {
    let value: RecordValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ value: RecordValue, codingPath: [any CodingKey] = []) {
        self.value = value
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch([String: RecordValue].self, at: codingPath, found: value) }
        return KeyedDecodingContainer(Keyed<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch([RecordValue].self, at: codingPath, found: value) }
        return Unkeyed(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        Single(value: value, codingPath: codingPath)
    }

    /// Decodes `T` from `value` at `path`.
    static func decode<T: Decodable>(_ type: T.Type, from value: RecordValue, at path: [any CodingKey]) throws -> T {
        switch type {
        case is RecordValue.Type:
            // A field that keeps a value as it is (a stored data file's content).
            return value as! T
        case is Date.Type, is Data.Type, is URL.Type, is Decimal.Type:
            // Their JSON forms are JSONDecoder's own; the path is kept for the error.
            do {
                return try JSONDecoder().decode([T].self, from: Data(RecordValue.array([value]).canonicalBytes))[0]
            } catch DecodingError.typeMismatch(let type, let context) {
                throw DecodingError.typeMismatch(type, DecodingError.Context(codingPath: path, debugDescription: context.debugDescription))
            }
        default:
            return try T(from: RecordValueDecoder(value, codingPath: path))
        }
    }

    private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let members: [String: RecordValue]
        let codingPath: [any CodingKey]

        var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

        private func member(_ key: Key) throws -> RecordValue {
            guard let value = members[key.stringValue] else {
                throw DecodingError.keyNotFound(key, DecodingError.Context(codingPath: codingPath,
                                                                           debugDescription: "No value associated with key \(key.stringValue)."))
            }
            return value
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            if case .null = try member(key) { return true }
            return false
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try RecordValueDecoder.decode(type, from: try member(key), at: codingPath + [key])
        }

        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let value = members[key.stringValue], value != .null else { return nil }
            return try RecordValueDecoder.decode(type, from: value, at: codingPath + [key])
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try RecordValueDecoder(try member(key), codingPath: codingPath + [key]).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try RecordValueDecoder(try member(key), codingPath: codingPath + [key]).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder {
            RecordValueDecoder(members["super"] ?? .null, codingPath: codingPath + [IndexKey(stringValue: "super")])
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            RecordValueDecoder(members[key.stringValue] ?? .null, codingPath: codingPath + [key])
        }
    }

    private struct Unkeyed: UnkeyedDecodingContainer {
        let items: [RecordValue]
        let codingPath: [any CodingKey]
        var currentIndex = 0

        init(items: [RecordValue], codingPath: [any CodingKey]) {
            self.items = items
            self.codingPath = codingPath
        }

        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        private var path: [any CodingKey] { codingPath + [IndexKey(intValue: currentIndex)] }

        private func next<T>(_ type: T.Type) throws -> RecordValue {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(type, DecodingError.Context(codingPath: path, debugDescription: "Unkeyed container is at end."))
            }
            return items[currentIndex]
        }

        mutating func decodeNil() throws -> Bool {
            guard case .null = try next(Never?.self) else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let decoded = try RecordValueDecoder.decode(type, from: try next(type), at: path)
            currentIndex += 1
            return decoded
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            let container = try RecordValueDecoder(try next([String: RecordValue].self), codingPath: path).container(keyedBy: type)
            currentIndex += 1
            return container
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let container = try RecordValueDecoder(try next([RecordValue].self), codingPath: path).unkeyedContainer()
            currentIndex += 1
            return container
        }

        mutating func superDecoder() throws -> any Decoder {
            let decoder = RecordValueDecoder(try next(RecordValue.self), codingPath: path)
            currentIndex += 1
            return decoder
        }
    }

    private struct Single: SingleValueDecodingContainer {
        let value: RecordValue
        let codingPath: [any CodingKey]

        func decodeNil() -> Bool { value == .null }

        func decode(_ type: Bool.Type) throws -> Bool {
            guard case .bool(let bool) = value else { throw mismatch(type, at: codingPath, found: value) }
            return bool
        }

        func decode(_ type: String.Type) throws -> String {
            guard case .string(let string) = value else { throw mismatch(type, at: codingPath, found: value) }
            return string
        }

        func decode(_ type: Double.Type) throws -> Double {
            guard case .integer(let integer) = value else { throw mismatch(type, at: codingPath, found: value) }
            return Double(integer)
        }

        func decode(_ type: Float.Type) throws -> Float {
            Float(try decode(Double.self))
        }

        func decode(_ type: Int.Type) throws -> Int { try integer(type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try RecordValueDecoder.decode(type, from: value, at: codingPath)
        }

        private func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
            guard case .integer(let integer) = value else { throw mismatch(type, at: codingPath, found: value) }
            guard let exact = T(exactly: integer) else {
                throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: codingPath, debugDescription: "Number \(integer) does not fit in \(type)."))
            }
            return exact
        }
    }

    /// A list index, or a `super` key, in a coding path.
    private struct IndexKey: CodingKey {
        var stringValue: String
        var intValue: Int?

        init(intValue: Int) {
            stringValue = "Index \(intValue)"
            self.intValue = intValue
        }

        init(stringValue: String) {
            self.stringValue = stringValue
        }
    }
}

/// The error `JSONDecoder` throws for a value of the wrong kind (or null where one is wanted).
private func mismatch(_ type: Any.Type, at path: [any CodingKey], found value: RecordValue) -> DecodingError {
    let found: String
    switch value {
    case .null:
        return DecodingError.valueNotFound(type, DecodingError.Context(codingPath: path, debugDescription: "Cannot get value of type \(type) -- found null value instead"))
    case .bool: found = "bool"
    case .integer: found = "number"
    case .string: found = "string"
    case .array: found = "array"
    case .object: found = "dictionary"
    }
    return DecodingError.typeMismatch(type, DecodingError.Context(codingPath: path, debugDescription: "Expected to decode \(type) but found \(found) instead."))
}
