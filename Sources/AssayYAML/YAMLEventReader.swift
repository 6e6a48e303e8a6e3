import CYAML

/// Reads one YAML document's libyaml events in order, without building a node tree: the fast
/// path of a decoder written for one schema.
///
/// The reader only goes forward and says nothing about where or why it stopped: whatever it
/// does not take as it stands (a syntax error, text that is not UTF-8, an alias, a second
/// document, more nodes than `YAMLParser.Limits` allow) throws `FastPathDeclined`, and the
/// caller decodes the same bytes through `YAMLParser` and `YAMLDecoder`, which accept exactly
/// what this path accepts and locate every error. Anchors are allowed (an anchor without an
/// alias changes nothing).
public final class YAMLEventReader {
    /// What the current event is.
    public enum Kind: Sendable, Equatable {
        case scalar, mappingStart, mappingEnd, sequenceStart, sequenceEnd
    }

    /// The current event's kind.
    public private(set) var kind = Kind.scalar
    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    private let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    private var holdsEvent = false
    private var nodes = 0
    private var depth = 0
    private let limits: YAMLParser.Limits

    private init(limits: YAMLParser.Limits) {
        self.limits = limits
        parser.initialize(to: yaml_parser_t())
        event.initialize(to: yaml_event_t())
    }

    deinit {
        if holdsEvent { yaml_event_delete(event) }
        yaml_parser_delete(parser)
        parser.deallocate()
        event.deallocate()
    }

    /// Reads `bytes` with `read`, which starts on the document's first node event and must end
    /// on its last (the root scalar, or the root collection's end): every reader of a value
    /// starts on the value's first event and ends on its last, and its caller `advance()`s to
    /// the next. Declines anything but one well-formed document of valid UTF-8.
    public static func read<T>(
        _ bytes: [UInt8], limits: YAMLParser.Limits = YAMLParser.Limits(),
        _ read: (YAMLEventReader) throws(FastPathDeclined) -> T
    ) throws(FastPathDeclined) -> T {
        guard !bytes.isEmpty, YAMLParser.firstInvalidUTF8(bytes) == nil else { throw FastPathDeclined() }
        let reader = YAMLEventReader(limits: limits)
        guard yaml_parser_initialize(reader.parser) == 1 else { throw FastPathDeclined() }
        return try bytes.withUnsafeBufferPointer { buffer throws(FastPathDeclined) -> T in
            yaml_parser_set_input_string(reader.parser, buffer.baseAddress, buffer.count)
            try reader.expect(YAML_STREAM_START_EVENT)
            try reader.expect(YAML_DOCUMENT_START_EVENT)
            try reader.advance()
            let value = try read(reader)
            try reader.expect(YAML_DOCUMENT_END_EVENT)
            try reader.expect(YAML_STREAM_END_EVENT)
            return value
        }
    }

    /// Moves to the next node event (a scalar, or the start or end of a collection).
    public func advance() throws(FastPathDeclined) {
        try parseNext()
        switch event.pointee.type {
        case YAML_SCALAR_EVENT: kind = .scalar
        case YAML_MAPPING_START_EVENT: kind = .mappingStart
        case YAML_MAPPING_END_EVENT: kind = .mappingEnd
        case YAML_SEQUENCE_START_EVENT: kind = .sequenceStart
        case YAML_SEQUENCE_END_EVENT: kind = .sequenceEnd
        default: throw FastPathDeclined()
        }
        switch kind {
        case .scalar:
            nodes += 1
        case .mappingStart, .sequenceStart:
            nodes += 1
            depth += 1
            if depth > limits.maxDepth { throw FastPathDeclined() }
        case .mappingEnd, .sequenceEnd:
            depth -= 1
        }
        if nodes > limits.maxNodes { throw FastPathDeclined() }
    }

    /// The current scalar's UTF-8 bytes, valid until the next `advance()`.
    public var bytes: UnsafeBufferPointer<UInt8> {
        let scalar = event.pointee.data.scalar
        return UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length))
    }

    /// The current scalar's text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Whether the current scalar was written plain (unquoted, not a block scalar).
    public var isPlain: Bool { event.pointee.data.scalar.style == YAML_PLAIN_SCALAR_STYLE }

    /// Whether the current event is a scalar YAML reads as null, as `Node.isNull` says.
    public var isNull: Bool {
        guard kind == .scalar, isPlain else { return false }
        switch bytes.count {
        case 0: return true
        case 1: return bytes[0] == UInt8(ascii: "~")
        case 4:
            let word = text
            return word == "null" || word == "Null" || word == "NULL"
        default: return false
        }
    }

    private func parseNext() throws(FastPathDeclined) {
        if holdsEvent {
            yaml_event_delete(event)
            holdsEvent = false
        }
        guard yaml_parser_parse(parser, event) == 1 else { throw FastPathDeclined() }
        holdsEvent = true
    }

    private func expect(_ type: yaml_event_type_t) throws(FastPathDeclined) {
        try parseNext()
        guard event.pointee.type == type else { throw FastPathDeclined() }
    }
}

/// A fast path could not take a document as it stands; decode it through the node tree, which
/// accepts the same documents and says exactly what is wrong and where.
public struct FastPathDeclined: Error, Sendable {
    public init() {}
}
