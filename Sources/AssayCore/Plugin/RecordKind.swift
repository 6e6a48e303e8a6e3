/// A kind of record a plugin keeps: what it may be about, and what makes one well-formed.
public struct RecordKind: Sendable {
    public let name: String
    /// One sentence saying what a record of this kind states.
    public let summary: String
    /// The kind of subject it is about: `case`, or another kind such as `expert`.
    public let subjectKind: String
    private let check: @Sendable (RecordValue) -> String?

    /// A kind whose records are checked by `validate`, which returns why a value is malformed,
    /// or nil when it is well-formed.
    public init(name: String, summary: String, about subjectKind: String, validate: @escaping @Sendable (RecordValue) -> String?) {
        self.name = name
        self.summary = summary
        self.subjectKind = subjectKind
        check = validate
    }

    /// A kind whose records are values of `T`: one that does not decode as `T` is malformed.
    public init<T: Decodable & SendableMetatype>(name: String, summary: String, about subjectKind: String, value type: T.Type) {
        self.init(name: name, summary: summary, about: subjectKind, value: T.self) { _ in nil }
    }

    /// A kind whose records are values of `T` that `problem` accepts: it returns why a decoded
    /// value is malformed, or nil.
    public init<T: Decodable & SendableMetatype>(name: String, summary: String, about subjectKind: String, value type: T.Type,
                                                 problem: @escaping @Sendable (T) -> String?) {
        self.init(name: name, summary: summary, about: subjectKind) { value in
            Self.problem(decoding: value, as: T.self, check: problem)
        }
    }

    /// Why `value` is not a well-formed `T` that `check` accepts: the decoder's words for a value
    /// that does not decode (`the field answer.evidence is missing`), or `check`'s.
    public static func problem<T: Decodable>(decoding value: RecordValue, as type: T.Type, check: (T) -> String? = { _ in nil }) -> String? {
        do {
            return check(try value.decode(as: T.self))
        } catch let error as DecodingError {
            return error.plainDescription
        } catch {
            return String(describing: error)
        }
    }

    /// Why `value` is not a well-formed record of this kind, or nil.
    public func problem(with value: RecordValue) -> String? {
        check(value)
    }
}
