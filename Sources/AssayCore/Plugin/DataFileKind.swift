import AssayYAML

/// A kind of data file a plugin reads (a checklist, a table of thresholds): YAML checked like a
/// flow, every error with its file, line and column, and stored in the log by content hash.
public struct DataFileKind: Sendable {
    public let name: String
    public let summary: String
    private let read: @Sendable (YAMLDecoder, Node, String) -> (RecordValue?, [YAMLError])

    /// A kind whose files decode as `T`.
    public init<T: Codable & SendableMetatype>(name: String, summary: String, type: T.Type) {
        self.init(name: name, summary: summary, type: T.self) { _ in [] }
    }

    /// A kind whose files decode as `T` and pass its own checks.
    public init<T: CheckedDataFile>(name: String, summary: String, type: T.Type) {
        self.init(name: name, summary: summary, type: T.self) { $0.problems }
    }

    private init<T: Codable & SendableMetatype>(name: String, summary: String, type: T.Type, problems: @escaping @Sendable (T) -> [DataFileProblem]) {
        self.name = name
        self.summary = summary
        read = { decoder, document, file in
            let (value, errors) = decoder.decodeReportingAll(T.self, from: document, file: file)
            guard let value else { return (nil, errors) }
            let found = problems(value).map { problem in
                YAMLError(file: file, mark: document.deepest(along: problem.path).node.mark,
                          path: problem.path.map { $0.allSatisfy(\.isNumber) ? "[\($0)]" : $0 }, reason: .invalidValue(problem.message))
            }
            guard found.isEmpty else { return (nil, found) }
            do {
                return (try RecordValue(encoding: value), [])
            } catch {
                return (nil, [YAMLError(file: file, mark: document.mark, reason: .invalidValue("\(error)"))])
            }
        }
    }

    /// The file's content as a record value, or every error found in it.
    public func load(_ bytes: [UInt8], file: String, decoder: YAMLDecoder = YAMLDecoder()) -> (value: RecordValue?, errors: [YAMLError]) {
        let document: Node
        do {
            document = try decoder.parser.parse(bytes, file: file)
        } catch {
            return (nil, [error])
        }
        return read(decoder, document, file)
    }

    /// The record type under which a plugin's data files are stored: `data-file`.
    public static let recordType = "data-file"
}
