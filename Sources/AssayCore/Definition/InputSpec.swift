/// An input an action takes, such as the reviewers' `decision` or the institution's appeal `grounds`.
public struct InputSpec: Named {
    /// The kinds of value an input accepts. Values are recorded as text.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Any text, including multi-line.
        case text
        /// One of the spec's `options`.
        case choice
        /// A decimal number (integer or with a fraction).
        case number
    }

    public var name: String = ""
    public var kind: Kind
    public var required: Bool
    /// The values a `choice` input accepts, in the order to offer them.
    public var options: [String]?

    public init(name: String, kind: Kind, required: Bool = false, options: [String]? = nil) {
        self.name = name
        self.kind = kind
        self.required = required
        self.options = options
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case kind = "type", required, options }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .kind)
        guard let kind = Kind(rawValue: text) else {
            let options = Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown input type '\(text)'; use one of: \(options)")
        }
        self.kind = kind
        self.required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? false
        self.options = try container.decodeIfPresent([String].self, forKey: .options)
    }
}
