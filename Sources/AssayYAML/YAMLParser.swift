import CYAML

/// Parses one YAML document into a `Node` tree with libyaml.
///
/// Duplicate keys are an error, aliases are expanded within `limits`, and every error carries
/// the file, line, column and key path where it was found.
public struct YAMLParser: Sendable {
    /// Bounds that keep hostile input from exhausting memory or the stack.
    public struct Limits: Sendable {
        /// The most nodes a document may expand to, counting every alias as a copy of its anchor.
        public var maxNodes: Int
        /// The deepest nesting of sequences and mappings.
        public var maxDepth: Int

        public init(maxNodes: Int = 1_000_000, maxDepth: Int = 256) {
            self.maxNodes = maxNodes
            self.maxDepth = maxDepth
        }
    }

    public var limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Parses `bytes` (UTF-8) as one YAML document; `file` names the source in errors.
    public func parse(_ bytes: [UInt8], file: String) throws(YAMLError) -> Node {
        try build(bytes, file: file, recoveringDuplicates: false).result.get()
    }

    /// Parses `bytes` as `parse` does, but a duplicate key is not the end: it is reported with
    /// the rest, the first value kept, so one run finds every problem of a file. The node is
    /// nil when the text cannot be read as YAML at all.
    public func parseReportingAll(_ bytes: [UInt8], file: String) -> (node: Node?, errors: [YAMLError]) {
        let (result, duplicates) = build(bytes, file: file, recoveringDuplicates: true)
        switch result {
        case .success(let node): return (node, duplicates)
        case .failure(let error): return (nil, duplicates + [error])
        }
    }

    /// The node tree of `bytes`, and the duplicate keys left out when `recoveringDuplicates`.
    private func build(_ bytes: [UInt8], file: String, recoveringDuplicates: Bool) -> (result: Result<Node, YAMLError>, duplicates: [YAMLError]) {
        guard !bytes.isEmpty else {
            return (.failure(YAMLError(file: file, mark: Mark(line: 1, column: 1), reason: .emptyDocument)), [])
        }
        if let invalid = Self.firstInvalidUTF8(bytes) {
            return (.failure(YAMLError(file: file, mark: Self.mark(ofByte: invalid, in: bytes), reason: .notText)), [])
        }
        var builder = TreeBuilder(file: file, limits: limits)
        builder.recoversDuplicates = recoveringDuplicates
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return (.failure(YAMLError(file: file, mark: Mark(line: 1, column: 1), reason: .unreadable("libyaml could not allocate a parser"))), [])
        }
        defer { yaml_parser_delete(&parser) }

        let result: Result<Node, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    return .failure(builder.syntaxError(parser, in: buffer))
                }
                defer { yaml_event_delete(&event) }
                do throws(YAMLError) {
                    if try builder.consume(event) { break }
                } catch {
                    return .failure(error)
                }
            }
            return builder.finish()
        }
        return (result, builder.duplicates)
    }
}

/// Builds the node tree from libyaml's events.
private struct TreeBuilder {
    /// An open sequence or mapping.
    struct Frame {
        var isMapping: Bool
        var mark: Mark
        var anchor: String?
        var items: [Node] = []
        var pairs: [Node.Pair] = []
        var pendingKey: Node?
        var weight = 1
        /// Key positions by text, built once a mapping is too large to scan.
        var keyIndex: [String: Mark]?
        /// Whether the pending key is a duplicate whose value is left out.
        var dropsPendingValue = false

        /// Records `key` as the next key of this mapping; returns where it was first used if
        /// it is a duplicate. Small mappings are scanned; large ones use an index.
        mutating func addKey(_ key: String, at mark: Mark) -> Mark? {
            if keyIndex == nil, pairs.count < 16 {
                return pairs.first { $0.key.scalarText == key }?.key.mark
            }
            if keyIndex == nil {
                keyIndex = Dictionary(pairs.compactMap { pair in pair.key.scalarText.map { ($0, pair.key.mark) } }) { first, _ in first }
            }
            if let first = keyIndex?[key] { return first }
            keyIndex?[key] = mark
            return nil
        }
    }

    let file: String
    let limits: YAMLParser.Limits
    var stack: [Frame] = []
    var anchors: [String: (node: Node, weight: Int)] = [:]
    var nodeCount = 0
    var root: Node?
    var documents = 0
    /// Whether a duplicate key is recorded in `duplicates` (its value left out) rather than thrown.
    var recoversDuplicates = false
    private(set) var duplicates: [YAMLError] = []

    init(file: String, limits: YAMLParser.Limits) {
        self.file = file
        self.limits = limits
    }

    /// Handles one event; returns true at the end of the stream.
    mutating func consume(_ event: yaml_event_t) throws(YAMLError) -> Bool {
        let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return true
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 { throw error(at: mark, .multipleDocuments) }
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = Self.string(scalar.value, Int(scalar.length))
            let node = Node(.scalar(.init(text: text, isPlain: scalar.style == YAML_PLAIN_SCALAR_STYLE)), mark: mark)
            try add(node, weight: 1, anchor: Self.optionalString(scalar.anchor))
        case YAML_ALIAS_EVENT:
            let name = Self.optionalString(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else { throw error(at: mark, .unknownAnchor(name)) }
            var node = anchored.node
            node.mark = mark
            try add(node, weight: anchored.weight, anchor: nil)
        case YAML_SEQUENCE_START_EVENT:
            try open(Frame(isMapping: false, mark: mark, anchor: Self.optionalString(event.data.sequence_start.anchor)))
        case YAML_MAPPING_START_EVENT:
            try open(Frame(isMapping: true, mark: mark, anchor: Self.optionalString(event.data.mapping_start.anchor)))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let frame = stack.removeLast()
            let content: Node.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
            try add(Node(content, mark: frame.mark), weight: frame.weight, anchor: frame.anchor, counted: true)
        default:
            break
        }
        return false
    }

    mutating func finish() -> Result<Node, YAMLError> {
        guard let root else {
            return .failure(YAMLError(file: file, mark: Mark(line: 1, column: 1), reason: .emptyDocument))
        }
        return .success(root)
    }

    private mutating func open(_ frame: Frame) throws(YAMLError) {
        guard stack.count < limits.maxDepth else { throw error(at: frame.mark, .nestingTooDeep(limit: limits.maxDepth)) }
        try count(1, at: frame.mark)
        stack.append(frame)
    }

    private mutating func count(_ weight: Int, at mark: Mark) throws(YAMLError) {
        nodeCount += weight
        if nodeCount > limits.maxNodes { throw error(at: mark, .tooManyNodes(limit: limits.maxNodes)) }
    }

    /// Attaches a finished node to its parent (or makes it the root) and records its anchor.
    private mutating func add(_ node: Node, weight: Int, anchor: String?, counted: Bool = false) throws(YAMLError) {
        if !counted { try count(weight, at: node.mark) }
        if let anchor { anchors[anchor] = (node, weight) }
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].weight += weight
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return
        }
        guard let key = stack[top].pendingKey else {
            if let text = node.scalarText, let first = stack[top].addKey(text, at: node.mark) {
                let duplicate = error(at: node.mark, .duplicateKey(text, firstAt: first))
                guard recoversDuplicates else { throw duplicate }
                duplicates.append(duplicate)
                stack[top].dropsPendingValue = true
            }
            stack[top].pendingKey = node
            return
        }
        if !stack[top].dropsPendingValue { stack[top].pairs.append(Node.Pair(key: key, value: node)) }
        stack[top].dropsPendingValue = false
        stack[top].pendingKey = nil
    }

    /// The key path of the position being parsed, from the open frames.
    private var currentPath: [String] {
        stack.compactMap { frame in
            frame.isMapping ? frame.pendingKey?.scalarText : KeyPath.index(frame.items.count)
        }
    }

    private func error(at mark: Mark, _ reason: YAMLError.Reason) -> YAMLError {
        YAMLError(file: file, mark: mark, path: currentPath, reason: reason)
    }

    /// libyaml's error, or, when the line it stopped on is indented with a tab, that.
    func syntaxError(_ parser: yaml_parser_t, in bytes: UnsafeBufferPointer<UInt8>) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        let context = parser.context.map { String(cString: $0) }
        let contextMark = context.map { _ in Mark(line: Int(parser.context_mark.line) + 1, column: Int(parser.context_mark.column) + 1) }
        let mark = Mark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        if let tab = Self.indentingTab(onLine: mark.line, in: bytes) {
            return YAMLError(file: file, mark: tab, path: currentPath, reason: .tabIndentation)
        }
        return YAMLError(file: file, mark: mark, path: currentPath,
                         reason: .syntax(problem: problem, context: context, contextMark: contextMark))
    }

    /// Where a tab stands in the leading whitespace of line `line`, if one does.
    static func indentingTab(onLine line: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Mark? {
        var current = 1, index = 0
        while current < line, index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") { current += 1 }
            index += 1
        }
        var column = 1
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
            if bytes[index] == UInt8(ascii: "\t") { return Mark(line: line, column: column) }
            index += 1
            column += 1
        }
        return nil
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, _ length: Int) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private static func optionalString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

extension YAMLParser {
    /// The offset of the first byte that is not part of valid UTF-8, if any.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        guard String(validating: bytes, as: UTF8.self) == nil else { return nil }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The line and column (in characters) of byte `offset`.
    static func mark(ofByte offset: Int, in bytes: [UInt8]) -> Mark {
        let before = bytes[..<offset]
        let line = before.count(where: { $0 == UInt8(ascii: "\n") }) + 1
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        return Mark(line: line, column: String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1)
    }
}
