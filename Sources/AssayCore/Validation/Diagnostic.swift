import AssayYAML

/// A problem found in a definition, at a position in its file.
public struct Diagnostic: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable {
        case error
        case warning
        case note
    }

    public var severity: Severity
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    /// Related places, such as where a duplicate was first defined.
    public var notes: [Diagnostic]

    public init(_ severity: Severity, file: String, at mark: Mark, _ message: String, notes: [Diagnostic] = []) {
        self.severity = severity
        self.file = file
        self.line = mark.line
        self.column = mark.column
        self.message = message
        self.notes = notes
    }

    /// A YAML error as an error diagnostic.
    public init(_ error: YAMLError) {
        self.init(.error, file: error.file, at: error.mark, error.message)
    }

    /// `path:line:col: severity: message`, as compilers print, and a line for each note.
    public var description: String {
        ([self] + notes).map { "\($0.file):\($0.line):\($0.column): \($0.severity.rawValue): \($0.message)" }
            .joined(separator: "\n")
    }
}
