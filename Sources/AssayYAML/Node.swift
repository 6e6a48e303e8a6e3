/// One node of a parsed YAML document, with the position it started at.
///
/// Aliases are already expanded: an alias is a copy of the node its anchor names (the copy shares
/// storage, so expansion costs no memory until the tree is walked).
public struct Node: Sendable, Equatable {
    /// What a node holds.
    public enum Content: Sendable, Equatable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([Pair])
    }

    /// A scalar's text and whether it was written plain (unquoted, not a block scalar).
    ///
    /// Only plain scalars can be read as null, booleans or numbers; a quoted `"1"` is a string.
    public struct Scalar: Sendable, Equatable {
        public var text: String
        public var isPlain: Bool

        public init(text: String, isPlain: Bool) {
            self.text = text
            self.isPlain = isPlain
        }
    }

    /// One key and its value in a mapping, in document order.
    public struct Pair: Sendable, Equatable {
        public var key: Node
        public var value: Node

        public init(key: Node, value: Node) {
            self.key = key
            self.value = value
        }
    }

    public var content: Content
    public var mark: Mark

    public init(_ content: Content, mark: Mark) {
        self.content = content
        self.mark = mark
    }
}

extension Node {
    /// The scalar's text, when this node is a scalar.
    public var scalarText: String? {
        if case .scalar(let scalar) = content { return scalar.text }
        return nil
    }

    /// A plain scalar that YAML reads as null: empty, `~`, or `null`.
    public var isNull: Bool {
        guard case .scalar(let scalar) = content, scalar.isPlain else { return false }
        switch scalar.text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// The value for a scalar key in a mapping node, or nil.
    public subscript(key: String) -> Node? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.first { $0.key.scalarText == key }?.value
    }

    /// The pair whose key is `key`, when this node is a mapping.
    public func pair(forKey key: String) -> Pair? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.first { $0.key.scalarText == key }
    }

    /// The deepest node along `path` (mapping keys and sequence indexes), and how far it got.
    ///
    /// Used to point an error at the closest existing node when a key is missing.
    public func deepest(along path: [String]) -> (node: Node, depth: Int) {
        var node = self
        for (depth, component) in path.enumerated() {
            switch node.content {
            case .mapping:
                guard let next = node[component] else { return (node, depth) }
                node = next
            case .sequence(let items):
                guard let index = Int(component), items.indices.contains(index) else { return (node, depth) }
                node = items[index]
            case .scalar:
                return (node, depth)
            }
        }
        return (node, path.count)
    }

    /// A short description of the node's kind for error messages: "a mapping", "the scalar \"x\"".
    public var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            if isNull { return "nothing" }
            return "\"\(scalar.text)\""
        }
    }
}
