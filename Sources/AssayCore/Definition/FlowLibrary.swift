/// The definitions an engine can run: each flow's current version for new cases, and every
/// definition by hash so cases keep following the definition they started under.
public struct FlowLibrary: Sendable {
    private var definitions: [DefinitionHash: FlowDefinition] = [:]
    private var current: [String: DefinitionHash] = [:]

    /// A library of `definitions`; for each flow id the highest version is current.
    public init(_ definitions: [FlowDefinition] = []) {
        for definition in definitions { add(definition) }
    }

    /// Adds a definition; it becomes current if its version is the highest of its flow so far.
    public mutating func add(_ definition: FlowDefinition) {
        let hash = DefinitionHash(of: definition)
        definitions[hash] = definition
        if let existing = current[definition.id].flatMap({ definitions[$0] }), existing.version >= definition.version {
            return
        }
        current[definition.id] = hash
    }

    /// The definition new cases of `flowID` start under.
    public func current(_ flowID: String) -> (definition: FlowDefinition, hash: DefinitionHash)? {
        guard let hash = current[flowID], let definition = definitions[hash] else { return nil }
        return (definition, hash)
    }

    /// The definition with `hash`, current or not.
    public func definition(_ hash: DefinitionHash) -> FlowDefinition? {
        definitions[hash]
    }

    /// Every definition, current or not, by hash.
    public var definitionsByHash: [DefinitionHash: FlowDefinition] { definitions }

    /// The ids of the flows that have a current definition, sorted.
    public var flowIDs: [String] { current.keys.sorted() }
}
