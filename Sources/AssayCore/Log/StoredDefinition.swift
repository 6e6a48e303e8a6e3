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
        } catch let error as DecodingError {
            throw .corrupt("definition \(name(bytes, hash)) was altered: it no longer reads as a flow (\(error.plainDescription))")
        } catch {
            throw .corrupt("definition \(name(bytes, hash)) was altered: it no longer reads as a flow")
        }
        // Encoded once: bytes that are the definition's canonical form hash to its content hash.
        let canonical = encode(definition)
        guard canonical == bytes, DefinitionHash(canonicalBytes: canonical) == hash else {
            throw .corrupt("definition \(name(bytes, hash)) was altered: its text no longer hashes to \(hash.short)")
        }
        return definition
    }

    /// `c923af8781fd (basic-standard version 3)`: the hash, and the flow and version the bytes
    /// still name, if they do.
    private static func name(_ bytes: [UInt8], _ hash: DefinitionHash) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any], let id = object["id"] as? String else { return hash.short }
        return "\(hash.short) (\(id)" + ((object["version"] as? Int).map { " version \($0)" } ?? "") + ")"
    }
}
