/// The `Encoder` behind `CanonicalJSON` and `RecordValue(encoding:)`: builds a tree of
/// `Storage` nodes, resolved to a `JSONValue` to write or straight to a `RecordValue`.
final class ValueEncoder: Encoder {
    /// One node of the value being built, shared with the containers that fill it.
    final class Storage {
        enum Content {
            case value(JSONValue)
            case object([String: Storage])
            case array([Storage])
        }

        var content: Content = .value(.null)

        /// The finished value of this node and its children.
        func resolve() -> JSONValue {
            switch content {
            case .value(let value): return value
            case .object(let members): return .object(members.mapValues { $0.resolve() })
            case .array(let items): return .array(items.map { $0.resolve() })
            }
        }

        /// The finished value as a record holds it, without building the `JSONValue` tree first.
        func recordValue() throws(CanonicalEncodingError) -> RecordValue {
            switch content {
            case .value(let value):
                return try RecordValue(value)
            case .object(let members):
                var values: [String: RecordValue] = [:]
                values.reserveCapacity(members.count)
                for (key, member) in members { values[key] = try member.recordValue() }
                return .object(values)
            case .array(let items):
                return .array(try items.map { item throws(CanonicalEncodingError) in try item.recordValue() })
            }
        }
    }

    /// The encoder of the object or array this one is a member of, and the member's key; nil at
    /// the top. The coding path is walked from them only when asked for (an error's path), so
    /// encoding a field allocates no path.
    private let parent: ValueEncoder?
    private let key: (any CodingKey)?
    let storage = Storage()
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var codingPath: [any CodingKey] {
        guard let parent, let key else { return [] }
        return parent.codingPath + [key]
    }

    init(parent: ValueEncoder? = nil, key: (any CodingKey)? = nil) {
        self.parent = parent
        self.key = key
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = storage.content {} else { storage.content = .object([:]) }
        return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = storage.content {} else { storage.content = .array([]) }
        return UnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(encoder: self)
    }

    var pathDescription: String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    /// A new child node under `key`, attached to this encoder's object or array.
    func childEncoder(for key: any CodingKey) -> ValueEncoder {
        let child = ValueEncoder(parent: self, key: key)
        switch storage.content {
        case .object(var members):
            storage.content = .value(.null)
            members[key.stringValue] = child.storage
            storage.content = .object(members)
        case .array(var items):
            storage.content = .value(.null)
            items.append(child.storage)
            storage.content = .array(items)
        case .value:
            break
        }
        return child
    }

    func refusal() -> CanonicalEncodingError {
        CanonicalEncodingError(path: pathDescription, reason: "floating-point numbers are not canonical")
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: ValueEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        mutating func encodeNil(forKey key: Key) {
            encoder.childEncoder(for: key).storage.content = .value(.null)
        }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try value.encode(to: encoder.childEncoder(for: key))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            encoder.childEncoder(for: key).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            encoder.childEncoder(for: key).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { encoder.childEncoder(for: SuperKey()) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { encoder.childEncoder(for: key) }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let encoder: ValueEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }
        var count: Int {
            if case .array(let items) = encoder.storage.content { return items.count }
            return 0
        }

        private func next() -> ValueEncoder { encoder.childEncoder(for: IndexKey(intValue: count)) }

        mutating func encodeNil() { next().storage.content = .value(.null) }
        mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: next()) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            next().container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { next().unkeyedContainer() }
        mutating func superEncoder() -> any Encoder { next() }
    }

    struct SingleValueContainer: SingleValueEncodingContainer {
        let encoder: ValueEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        private func set(_ value: JSONValue) { encoder.storage.content = .value(value) }

        mutating func encodeNil() { set(.null) }
        mutating func encode(_ value: Bool) { set(.bool(value)) }
        mutating func encode(_ value: String) { set(.string(value)) }
        mutating func encode(_ value: Double) throws { throw encoder.refusal() }
        mutating func encode(_ value: Float) throws { throw encoder.refusal() }
        mutating func encode(_ value: Int) { set(.integer(String(value))) }
        mutating func encode(_ value: Int8) { set(.integer(String(value))) }
        mutating func encode(_ value: Int16) { set(.integer(String(value))) }
        mutating func encode(_ value: Int32) { set(.integer(String(value))) }
        mutating func encode(_ value: Int64) { set(.integer(String(value))) }
        mutating func encode(_ value: UInt) { set(.integer(String(value))) }
        mutating func encode(_ value: UInt8) { set(.integer(String(value))) }
        mutating func encode(_ value: UInt16) { set(.integer(String(value))) }
        mutating func encode(_ value: UInt32) { set(.integer(String(value))) }
        mutating func encode(_ value: UInt64) { set(.integer(String(value))) }
        mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: encoder) }
    }

    /// A coding key for a position in an array.
    struct IndexKey: CodingKey {
        let intValue: Int?
        var stringValue: String { "\(intValue ?? 0)" }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { return nil }
    }

    /// The key `super`, as `JSONEncoder` uses for a superclass's encoding.
    struct SuperKey: CodingKey {
        var stringValue: String { "super" }
        var intValue: Int? { nil }
        init() {}
        init?(stringValue: String) { return nil }
        init?(intValue: Int) { return nil }
    }
}
