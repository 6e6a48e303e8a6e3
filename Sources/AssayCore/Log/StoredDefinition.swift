import Foundation

/// A definition as stores keep it: its canonical JSON under its content hash.
public enum StoredDefinition {
    /// The canonical bytes of `definition`.
    public static func encode(_ definition: FlowDefinition) -> [UInt8] {
        // Definitions hold only strings, integers and booleans, which always encode canonically.
        try! CanonicalJSON.encode(definition)
    }

    /// The definition in `bytes`, which must hash to `hash`.
    public static func decode(_ bytes: [UInt8], expecting hash: DefinitionHash) throws(StoreError) -> FlowDefinition {
        let definition: FlowDefinition
        do {
            definition = try JSONDecoder().decode(FlowDefinition.self, from: Data(bytes))
        } catch {
            throw .corrupt("definition \(hash.short) does not decode: \(error)")
        }
        guard DefinitionHash(of: definition) == hash, encode(definition) == bytes else {
            throw .corrupt("definition \(hash.short) does not match its hash")
        }
        return definition
    }
}
