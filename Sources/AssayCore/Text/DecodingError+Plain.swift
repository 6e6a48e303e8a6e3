extension DecodingError {
    /// What is wrong, in words about the document: which field, and how.
    public var plainDescription: String {
        func field(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingPrefix(".").description
        }
        switch self {
        case .keyNotFound(let key, let context):
            return "the field \(field(context.codingPath + [key])) is missing"
        case .typeMismatch(let type, let context):
            return "the field \(field(context.codingPath)) is not \(Self.name(of: type))"
        case .valueNotFound(let type, let context):
            return "the field \(field(context.codingPath)) is null, but should be \(Self.name(of: type))"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "it is not JSON (\(context.debugDescription.trimmingSuffix(".")))"
        case .dataCorrupted(let context):
            return "the field \(field(context.codingPath)) is malformed: \(context.debugDescription)"
        @unknown default:
            return String(describing: self)
        }
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: type is any Collection.Type ? "a list" : "an object"
        }
    }
}

private extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
