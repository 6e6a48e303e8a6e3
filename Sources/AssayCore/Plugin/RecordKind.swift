/// A kind of record a plugin keeps: what it may be about, and how its value is read into the type
/// the plugin's rules and fold use (which also says what makes one well-formed).
public struct RecordKind: Sendable {
    public let name: String
    /// One sentence saying what a record of this kind states.
    public let summary: String
    /// The kind of subject it is about: `case`, or another kind such as `expert`.
    public let subjectKind: String
    private let reader: @Sendable (RecordValue) -> Result<any Sendable, MalformedValue>
    /// For a kind whose records are values of one type: a value of that type judged as a read
    /// one would be, or nil for a value of another type.
    private let judge: (@Sendable (any Sendable) -> Result<any Sendable, MalformedValue>?)?

    /// A kind whose records `read` reads: into the value the plugin's rules and fold receive
    /// (`CheckedRecord.content(as:)`), or why it is malformed.
    public init(name: String, summary: String, about subjectKind: String,
                read: @escaping @Sendable (RecordValue) -> Result<any Sendable, MalformedValue>) {
        self.init(name: name, summary: summary, about: subjectKind, read: read, judge: nil)
    }

    private init(name: String, summary: String, about subjectKind: String,
                 read: @escaping @Sendable (RecordValue) -> Result<any Sendable, MalformedValue>,
                 judge: (@Sendable (any Sendable) -> Result<any Sendable, MalformedValue>?)?) {
        self.name = name
        self.summary = summary
        self.subjectKind = subjectKind
        reader = read
        self.judge = judge
    }

    /// A kind whose records are values of `T`: one that does not decode as `T` is malformed.
    public init<T: Decodable & Sendable>(name: String, summary: String, about subjectKind: String, value type: T.Type) {
        self.init(name: name, summary: summary, about: subjectKind, value: T.self) { _ in nil }
    }

    /// A kind whose records are values of `T` that `problem` accepts: it returns why a decoded
    /// value is malformed, or nil.
    public init<T: Decodable & Sendable>(name: String, summary: String, about subjectKind: String, value type: T.Type,
                                         problem: @escaping @Sendable (T) -> String?) {
        @Sendable func judged(_ value: T) -> Result<any Sendable, MalformedValue> {
            problem(value).map { .failure(MalformedValue($0)) } ?? .success(value)
        }
        self.init(name: name, summary: summary, about: subjectKind,
                  read: { value in Self.decode(value, as: T.self).flatMap(judged) },
                  judge: { content in (content as? T).map(judged) })
    }

    /// `value` decoded as `T`, or the decoder's words for why it does not decode (`the field
    /// answer.evidence is missing`).
    public static func decode<T: Decodable>(_ value: RecordValue, as type: T.Type) -> Result<T, MalformedValue> {
        do {
            return .success(try value.decode(as: T.self))
        } catch let error as DecodingError {
            return .failure(MalformedValue(error.plainDescription))
        } catch {
            return .failure(MalformedValue(String(describing: error)))
        }
    }

    /// `value` read as this kind reads it, or why it is malformed.
    public func read(_ value: RecordValue) -> Result<any Sendable, MalformedValue> {
        reader(value)
    }

    /// `value`, encoded from `content`, judged as this kind reads it: `content` itself when it is
    /// of the kind's type, so it is not decoded again; otherwise `read(value)`.
    func read(_ value: RecordValue, encodedFrom content: (any Sendable)?) -> Result<any Sendable, MalformedValue> {
        content.flatMap { judge?($0) } ?? reader(value)
    }
}

/// Why a record's value is not well-formed for its kind, in words such as `a resolution needs a
/// reason`.
public struct MalformedValue: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }

}
