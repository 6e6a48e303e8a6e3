/// Formats a coding path as the key path a person reads: `stages.initial-review.actions.pass.to`.
///
/// Sequence positions print as `[0]`, appended to the key before them: `guards[1]`.
public enum KeyPath {
    /// The path as one string; one longer than `limit` characters keeps its first and last
    /// components around an ellipsis, so a message still fits on a line.
    public static func format(_ components: [String], limit: Int = 60) -> String {
        let whole = join(components)
        guard whole.count > limit, components.count > 2 else { return whole }
        var tail: [String] = []
        for component in components.dropFirst().reversed() {
            let candidate = [component] + tail
            if components[0].count + 2 + join(candidate).count > limit && !tail.isEmpty { break }
            tail = candidate
        }
        return "\(components[0])….\(join(tail))"
    }

    private static func join(_ components: [String]) -> String {
        var result = ""
        for component in components {
            if component.first == "[" {
                result += component
            } else {
                result += result.isEmpty ? component : ".\(component)"
            }
        }
        return result
    }

    /// The path component for a sequence position.
    static func index(_ index: Int) -> String { "[\(index)]" }

    /// Coding-key components with sequence indexes written as `[n]`.
    static func components(_ codingPath: [any CodingKey]) -> [String] {
        codingPath.map { key in key.intValue.map(index) ?? key.stringValue }
    }

    /// Path components that `Node.deepest(along:)` understands (indexes as plain numbers).
    static func lookupComponents(_ codingPath: [any CodingKey]) -> [String] {
        codingPath.map { key in key.intValue.map(String.init) ?? key.stringValue }
    }
}
