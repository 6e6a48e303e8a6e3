/// Reads a mapping node's values by key, recording which keys were read.
struct KeyedNodeContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoder
    let pairs: [Node.Pair]
    /// Where this mapping's read flags start in the context's `readFlags`.
    let readOffset: Int

    var codingPath: [any CodingKey] { decoder.codingPath }

    /// Keys in document order.
    var allKeys: [Key] {
        pairs.compactMap { pair in pair.key.scalarText.flatMap(Key.init(stringValue:)) }
    }

    func contains(_ key: Key) -> Bool {
        index(of: key) != nil
    }

    private func index(of key: Key) -> Int? {
        let name = key.stringValue
        return pairs.firstIndex { $0.key.scalarText == name }
    }

    private func child(at index: Int, _ key: Key) -> NodeDecoder {
        decoder.context.readFlags[readOffset + index] = true
        return decoder.child(pairs[index].value, key: key)
    }

    private func child(_ key: Key) throws(YAMLError) -> NodeDecoder {
        guard let index = index(of: key) else {
            throw decoder.context.error(decoder.node, decoder.path, .missingKey(key.stringValue))
        }
        return child(at: index, key)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try child(key).node.isNull
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try child(key).decodeBool() }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try child(key).decodeString() }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try child(key).decodeFloatingPoint(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try child(key).decodeFloatingPoint(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try child(key).decodeInteger(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try child(key).decodeInteger(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try child(key).decodeInteger(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try child(key).decodeInteger(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try child(key).decodeInteger(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try child(key).decodeInteger(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try child(key).decodeInteger(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try child(key).decodeInteger(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try child(key).decodeInteger(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try child(key).decodeInteger(type) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try child(key).decode(type)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let index = index(of: key) else { return nil }
        let child = child(at: index, key)
        return child.node.isNull ? nil : try child.decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }

    func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }
}
