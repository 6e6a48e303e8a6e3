/// Decodes `Decodable` values from a YAML `Node` tree.
///
/// Errors are `YAMLError`s naming the file, line, column and key path. By default a mapping key
/// that the decoded type never reads is an error too, so a misspelt key is caught, not ignored.
public struct YAMLDecoder: Sendable {
    /// Whether keys that the decoded type does not read are errors.
    public var rejectsUnknownKeys: Bool
    public var parser: YAMLParser

    public init(rejectsUnknownKeys: Bool = true, parser: YAMLParser = YAMLParser()) {
        self.rejectsUnknownKeys = rejectsUnknownKeys
        self.parser = parser
    }

    /// Parses `bytes` and decodes a `T` from the document.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], file: String) throws(YAMLError) -> T {
        try decode(type, from: parser.parse(bytes, file: file), file: file)
    }

    /// Decodes a `T` from an already parsed document.
    public func decode<T: Decodable>(_ type: T.Type, from root: Node, file: String) throws(YAMLError) -> T {
        let context = DecodingContext(file: file, root: root)
        let value: T
        do {
            value = try T(from: NodeDecoder(node: root, path: nil, context: context))
        } catch let error as YAMLError {
            throw error
        } catch let error as DecodingError {
            throw context.convert(error)
        } catch {
            throw YAMLError(file: file, mark: root.mark, reason: .invalidValue("\(error)"))
        }
        if rejectsUnknownKeys, let unknown = context.unknownKeys(includingKnown: true).first { throw unknown }
        return value
    }

    /// Decodes a `T` from a parsed document and reports every error it finds, as a compiler
    /// does: an element of a collection that fails (see `YAMLErrorRecording`) is recorded and
    /// decoding goes on with the others, and every unknown key is reported. The value is nil
    /// when there is any error; the errors are in document order.
    public func decodeReportingAll<T: Decodable>(_ type: T.Type, from root: Node, file: String) -> (value: T?, errors: [YAMLError]) {
        let context = DecodingContext(file: file, root: root)
        context.recordsErrors = true
        var value: T?
        var errors: [YAMLError] = []
        do {
            value = try T(from: NodeDecoder(node: root, path: nil, context: context))
        } catch is RecordedError {
        } catch {
            errors.append(context.yamlError(error))
        }
        errors += context.recorded
        // A known key left unread is one that decoding stopped before, not a misspelling.
        if rejectsUnknownKeys { errors += context.unknownKeys(includingKnown: errors.isEmpty) }
        // A missing key that a misspelt key would have given is said once, by the misspelling.
        let misspelt = Set(errors.compactMap { error -> [String]? in
            guard case .unknownKey(let key, let expected) = error.reason, let meant = Suggestion.closest(to: key, in: expected) else { return nil }
            return error.path + [meant]
        })
        var seen = Set<String>()
        errors = errors.sorted { $0.mark < $1.mark }.filter { error in
            if case .missingKey(let key) = error.reason, misspelt.contains(error.path + [key]) { return false }
            return seen.insert(error.description).inserted
        }
        return (errors.isEmpty ? value : nil, errors)
    }

    /// Like `decodeReportingAll`, but also returns the value when every error is one decoding
    /// reads past (an unknown key): the caller reports the errors and may still check the
    /// value, so one run finds the problems of every stage of checking.
    public func decodeReportingAllRecovering<T: Decodable>(_ type: T.Type, from root: Node, file: String) -> (value: T?, errors: [YAMLError]) {
        let (value, errors) = decodeReportingAll(type, from: root, file: file)
        guard value == nil, errors.allSatisfy({ if case .unknownKey = $0.reason { true } else { false } }) else { return (value, errors) }
        let lenient = YAMLDecoder(rejectsUnknownKeys: false, parser: parser)
        return (try? lenient.decode(type, from: root, file: file), errors)
    }

    /// The `userInfo` key under which a decoder that reports every error offers its
    /// `YAMLErrorRecording`.
    public static let errorRecorder = CodingUserInfoKey(rawValue: "assay.yaml.error-recorder")!
}

/// Where a collection's `Decodable` records the error of one element and goes on with the next,
/// so a file's errors are reported together. `decodeReportingAll` offers one in the decoder's
/// `userInfo` under `YAMLDecoder.errorRecorder`:
///
/// ```swift
/// } catch {
///     guard let recorder = decoder.userInfo[YAMLDecoder.errorRecorder] as? any YAMLErrorRecording else { throw error }
///     recorder.record(error)
/// }
/// ```
public protocol YAMLErrorRecording: AnyObject {
    func record(_ error: any Error)
}

/// State shared by every decoder and container of one decoding run.
final class DecodingContext: YAMLErrorRecording {
    func record(_ error: any Error) {
        if error is RecordedError { return }
        recorded.append(yamlError(error))
    }

    /// A mapping opened as a keyed container; its read flags live in `readFlags`.
    struct MappingUsage {
        let pairs: [Node.Pair]
        let path: CodingPathNode?
        let keyType: any CodingKey.Type
        /// Where this mapping's flags start in `readFlags`.
        let offset: Int

        /// The keys the decoded type knows, when its coding keys are `CaseIterable`.
        var expectedKeys: [String] {
            guard let type = keyType as? any CaseIterable.Type else { return [] }
            return (type.allCases as any Collection).compactMap { ($0 as? any CodingKey)?.stringValue }
        }
    }

    let file: String
    let root: Node
    var usages: [MappingUsage] = []
    /// Whether collections may record an element's error and go on (`decodeReportingAll`).
    var recordsErrors = false
    var recorded: [YAMLError] = []
    /// One flag per key of every mapping opened so far: whether a decoder read it.
    var readFlags: [Bool] = []

    /// Records that a mapping is being decoded as `keyType`; returns the offset of its flags.
    func openMapping(_ pairs: [Node.Pair], path: CodingPathNode?, keyType: any CodingKey.Type) -> Int {
        let offset = readFlags.count
        usages.append(MappingUsage(pairs: pairs, path: path, keyType: keyType, offset: offset))
        readFlags.append(contentsOf: repeatElement(false, count: pairs.count))
        return offset
    }

    init(file: String, root: Node) {
        self.file = file
        self.root = root
    }

    func error(_ node: Node, _ path: CodingPathNode?, _ reason: YAMLError.Reason) -> YAMLError {
        YAMLError(file: file, mark: node.mark, path: KeyPath.components(CodingPathNode.codingPath(path)), reason: reason)
    }

    /// Every key, in document order, that no decoder read; with `includingKnown` false, only
    /// keys the mapping's type does not know (a known key is left unread when decoding stopped).
    func unknownKeys(includingKnown: Bool) -> [YAMLError] {
        var unknown: [YAMLError] = []
        for usage in usages {
            let expected = usage.expectedKeys
            for (index, pair) in usage.pairs.enumerated() where !readFlags[usage.offset + index] {
                guard let key = pair.key.scalarText, includingKnown || !expected.contains(key) else { continue }
                unknown.append(YAMLError(file: file, mark: pair.key.mark, path: KeyPath.components(CodingPathNode.codingPath(usage.path)),
                                         reason: .unknownKey(key, expected: expected)))
            }
        }
        return unknown.sorted { $0.mark < $1.mark }
    }

    /// Any error thrown while decoding, as a located `YAMLError`.
    func yamlError(_ error: any Error) -> YAMLError {
        switch error {
        case let error as YAMLError: error
        case let error as DecodingError: convert(error)
        default: YAMLError(file: file, mark: root.mark, reason: .invalidValue("\(error)"))
        }
    }

    /// Places a `DecodingError` thrown by a decoded type at the node its coding path names.
    func convert(_ error: DecodingError) -> YAMLError {
        let codingPath: [any CodingKey]
        let reason: YAMLError.Reason
        switch error {
        case .dataCorrupted(let context):
            codingPath = context.codingPath
            reason = .invalidValue(context.debugDescription)
        case .keyNotFound(let key, let context):
            codingPath = context.codingPath
            reason = .missingKey(key.stringValue)
        case .typeMismatch(let type, let context):
            codingPath = context.codingPath
            reason = .typeMismatch(expected: "\(type)", found: context.debugDescription)
        case .valueNotFound(let type, let context):
            codingPath = context.codingPath
            reason = .typeMismatch(expected: "\(type)", found: "nothing")
        @unknown default:
            codingPath = []
            reason = .invalidValue("\(error)")
        }
        let (node, _) = root.deepest(along: KeyPath.lookupComponents(codingPath))
        return YAMLError(file: file, mark: node.mark, path: KeyPath.components(codingPath), reason: reason)
    }
}

/// One step of a coding path, linked to its parent so that descending costs no array copy.
final class CodingPathNode {
    let key: any CodingKey
    let parent: CodingPathNode?

    init(_ key: any CodingKey, parent: CodingPathNode?) {
        self.key = key
        self.parent = parent
    }

    /// The coding path ending at `node`, from the root.
    static func codingPath(_ node: CodingPathNode?) -> [any CodingKey] {
        var keys: [any CodingKey] = []
        var current = node
        while let step = current {
            keys.append(step.key)
            current = step.parent
        }
        return keys.reversed()
    }
}

/// A `Decoder` positioned at one node.
struct NodeDecoder: Decoder {
    let node: Node
    let path: CodingPathNode?
    let context: DecodingContext
    var userInfo: [CodingUserInfoKey: Any] { context.recordsErrors ? [YAMLDecoder.errorRecorder: context] : [:] }
    var codingPath: [any CodingKey] { CodingPathNode.codingPath(path) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let pairs) = node.content else {
            throw context.error(node, path, .typeMismatch(expected: "a mapping", found: node.kindDescription))
        }
        let offset = context.openMapping(pairs, path: path, keyType: Key.self)
        return KeyedDecodingContainer(KeyedNodeContainer<Key>(decoder: self, pairs: pairs, readOffset: offset))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .sequence(let items) = node.content else {
            throw context.error(node, path, .typeMismatch(expected: "a list", found: node.kindDescription))
        }
        return UnkeyedNodeContainer(decoder: self, items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueNodeContainer(decoder: self)
    }

    /// A decoder for a child node.
    func child(_ node: Node, key: any CodingKey) -> NodeDecoder {
        NodeDecoder(node: node, path: CodingPathNode(key, parent: path), context: context)
    }

    /// The text of a scalar node, or a type-mismatch error.
    func scalar(expected: String) throws(YAMLError) -> Node.Scalar {
        guard case .scalar(let scalar) = node.content, !node.isNull else {
            throw context.error(node, path, .typeMismatch(expected: expected, found: node.kindDescription))
        }
        return scalar
    }

    func decodeBool() throws(YAMLError) -> Bool {
        let scalar = try scalar(expected: "true or false")
        if scalar.isPlain {
            switch scalar.text {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: break
            }
        }
        throw context.error(node, path, .typeMismatch(expected: "true or false", found: node.kindDescription))
    }

    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws(YAMLError) -> T {
        let scalar = try scalar(expected: "a whole number")
        guard scalar.isPlain, let value = T(scalar.text, radix: 10) else {
            throw context.error(node, path, .typeMismatch(expected: "a whole number", found: node.kindDescription))
        }
        return value
    }

    func decodeFloatingPoint<T: LosslessStringConvertible>(_ type: T.Type) throws(YAMLError) -> T {
        let scalar = try scalar(expected: "a number")
        let text: String
        switch scalar.text {
        case ".inf", ".Inf", ".INF", "+.inf": text = "inf"
        case "-.inf", "-.Inf", "-.INF": text = "-inf"
        case ".nan", ".NaN", ".NAN": text = "nan"
        default: text = scalar.text
        }
        guard scalar.isPlain, let value = T(text) else {
            throw context.error(node, path, .typeMismatch(expected: "a number", found: node.kindDescription))
        }
        return value
    }

    func decodeString() throws(YAMLError) -> String {
        try scalar(expected: "a string").text
    }

    /// Decodes any value, taking the scalar fast paths for the standard library's types.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if type == String.self { return try decodeString() as! T }
        if type == Bool.self { return try decodeBool() as! T }
        if type == Int.self { return try decodeInteger(Int.self) as! T }
        return try T(from: self)
    }
}
