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
        // Encoded once: bytes that are the definition's canonical form hash to its content hash.
        let canonical = encode(definition)
        guard canonical == bytes, DefinitionHash(canonicalBytes: canonical) == hash else {
            throw .corrupt("definition \(hash.short) does not match its hash")
        }
        return definition
    }
}
