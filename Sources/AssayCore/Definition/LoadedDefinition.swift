import AssayYAML

/// A definition together with where it came from, so problems can be shown at their line.
public struct LoadedDefinition: Sendable {
    public var definition: FlowDefinition
    public var hash: DefinitionHash
    /// The file as the user named it.
    public var file: String
    /// The parsed document, kept for source positions.
    public var document: Node

    public init(definition: FlowDefinition, file: String, document: Node) {
        self.definition = definition
        self.hash = DefinitionHash(of: definition)
        self.file = file
        self.document = document
    }

    /// The position of the value at `path` (mapping keys and plain sequence indexes), or of the
    /// closest node that exists along it.
    public func mark(at path: [String]) -> Mark {
        document.deepest(along: path).node.mark
    }

    /// The position of the key that ends `path`, such as a stage's name; falls back to `mark(at:)`.
    public func keyMark(at path: [String]) -> Mark {
        guard let last = path.last else { return document.mark }
        let (parent, depth) = document.deepest(along: Array(path.dropLast()))
        guard depth == path.count - 1, let pair = parent.pair(forKey: last) else { return mark(at: path) }
        return pair.key.mark
    }
}
