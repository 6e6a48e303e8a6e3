/// What a stream of the log is about: a case, or something else a plugin records facts about —
/// an expert (`expert:ID`), an institution (`institution:ID`), a directory (`directory:NAME`).
///
/// Each subject has its own sequence of events, appended with the version they were decided on.
/// A case is named by its id alone (which holds no `:`); any other subject is `KIND:ID`.
public struct Subject: Sendable, Hashable, Codable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let value: String

    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }

    /// The subject `KIND:ID`, for what is not a case.
    public init(kind: String, id: String) { value = "\(kind):\(id)" }

    /// Whether this subject is a case.
    public var isCase: Bool {
        // Asked several times for every event replayed: a scan of the stored bytes, where they are.
        value.utf8.withContiguousStorageIfAvailable { !$0.contains(UInt8(ascii: ":")) } ?? !value.utf8.contains(UInt8(ascii: ":"))
    }

    /// `case`, or the kind before the `:`.
    public var kind: String {
        // Byte-wise: asked for every record checked, and `:` is one byte in UTF-8.
        guard let colon = value.utf8.firstIndex(of: UInt8(ascii: ":")) else { return "case" }
        return String(value[..<colon])
    }

    public static func < (lhs: Subject, rhs: Subject) -> Bool { lhs.value < rhs.value }
    public var description: String { value }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// The identifier of a case: one institution's review on one track. A case is a subject of the
/// log named by its id, which holds no `:`.
public typealias CaseID = Subject
