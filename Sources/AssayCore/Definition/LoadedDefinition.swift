import AssayYAML

/// A definition together with where it came from, so problems can be shown at their line.
public struct LoadedDefinition: Sendable {
    public var definition: FlowDefinition
    public var hash: DefinitionHash
    /// The file as the user named it.
    public var file: String
    /// The file's bytes: parsed again into a node tree when a problem needs a position.
    public var source: [UInt8]
    private var parser: YAMLParser

    public init(definition: FlowDefinition, file: String, source: [UInt8], parser: YAMLParser = YAMLParser()) {
        self.definition = definition
        self.hash = DefinitionHash(of: definition)
        self.file = file
        self.source = source
        self.parser = parser
    }

    /// The parsed document, for source positions. Loading needs no tree, so it is parsed here,
    /// again, only when asked for; past a duplicate key, as validation read it.
    public var document: Node {
        parser.parseReportingAll(source, file: file).node ?? Node(.mapping([]), mark: Mark(line: 1, column: 1))
    }

    /// The position of the value at `path` (mapping keys and plain sequence indexes), or of the
    /// closest node that exists along it.
    public func mark(at path: [String]) -> Mark {
        document.deepest(along: path).node.mark
    }

    /// The position of the key that ends `path`, such as a stage's name; falls back to `mark(at:)`.
    public func keyMark(at path: [String]) -> Mark {
        let document = document
        guard let last = path.last else { return document.mark }
        let (parent, depth) = document.deepest(along: Array(path.dropLast()))
        guard depth == path.count - 1, let pair = parent.pair(forKey: last) else { return document.deepest(along: path).node.mark }
        return pair.key.mark
    }
}
