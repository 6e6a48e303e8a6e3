import AssayYAML

/// A kind of data file a plugin reads (a checklist, a table of thresholds): YAML checked like a
/// flow, every error with its file, line and column, and stored in the log by content hash.
public struct DataFileKind: Sendable {
    public let name: String
    public let summary: String
    private let read: @Sendable (YAMLDecoder, Node, String) -> (RecordValue?, [YAMLError])

    /// A kind whose files decode as `T`.
    public init<T: Codable & SendableMetatype>(name: String, summary: String, type: T.Type) {
        self.name = name
        self.summary = summary
        read = { decoder, document, file in
            let (value, errors) = decoder.decodeReportingAll(T.self, from: document, file: file)
            guard let value else { return (nil, errors) }
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
