import AssayYAML

/// A value that is written in YAML as the value of a named key: a role, stage, action or input.
public protocol Named: Sendable, Equatable, Codable {
    /// The key the value was written under.
    var name: String { get set }
}

/// An ordered mapping of names to values, decoded from a YAML mapping in document order.
///
/// Names are unique (the YAML parser refuses duplicate keys); lookup by name is constant time.
/// The order is for people reading it: two lists with the same named elements are equal in any
/// order, as the canonical form (and so the content hash) sorts names.
public struct NamedList<Element: Named>: Sendable, Equatable, Codable, RandomAccessCollection {
    public private(set) var elements: [Element]
    private var positions: [String: Int]

    public init(_ elements: [Element] = []) {
        self.elements = []
        self.positions = [:]
        for element in elements where positions[element.name] == nil {
            positions[element.name] = self.elements.count
            self.elements.append(element)
        }
    }

    public subscript(name: String) -> Element? {
        positions[name].map { elements[$0] }
    }

    public var names: [String] { elements.map(\.name) }

    public static func == (lhs: NamedList, rhs: NamedList) -> Bool {
        lhs.count == rhs.count && lhs.elements.allSatisfy { rhs[$0.name] == $0 }
    }

    public var startIndex: Int { elements.startIndex }
    public var endIndex: Int { elements.endIndex }
    public subscript(position: Int) -> Element { elements[position] }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: NameKey.self)
        var elements: [Element] = []
        for key in container.allKeys {
            do {
                var element = try container.decode(Element.self, forKey: key)
                element.name = key.stringValue
                elements.append(element)
            } catch {
                // Validation goes on with the other elements, to report every error at once.
                guard let recorder = decoder.userInfo[YAMLDecoder.errorRecorder] as? any YAMLErrorRecording else { throw error }
                recorder.record(error)
            }
        }
        self.init(elements)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NameKey.self)
        for element in elements {
            try container.encode(element, forKey: NameKey(element.name))
        }
    }

    /// Any string as a coding key.
    struct NameKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }
}
