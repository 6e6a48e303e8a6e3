import AssayYAML
import Foundation

/// The outcome of validating definition files: what was checked and every problem found.
public struct ValidationReport: Sendable {
    public var files: [String] = []
    public var diagnostics: [Diagnostic] = []
    /// The definitions that loaded (valid or not), for callers that go on to use them.
    public var definitions: [LoadedDefinition] = []
    /// Whether some input could not be read at all (a missing file, an empty folder).
    public var hasUnreadableInput = false

    public init() {}

    mutating func add(unreadable error: YAMLError) {
        hasUnreadableInput = true
        diagnostics.append(Diagnostic(error))
    }

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// One line: how many files, errors and warnings.
    public var summary: String {
        let verdict = errorCount == 0 ? "valid" : "invalid"
        return "\(counted(files.count, "file")) checked, \(verdict): \(counted(errorCount, "error")), \(counted(warningCount, "warning"))"
    }

    /// Compiler-style lines, `path:line:col: severity: message`, then the summary.
    public var text: String {
        (diagnostics.map(\.description) + [summary]).joined(separator: "\n") + "\n"
    }

    /// The report as JSON for tools: files, diagnostics, counts and whether it is valid.
    public var json: String {
        struct Document: Encodable {
            var valid: Bool
            var files: [String]
            var errors: Int
            var warnings: Int
            var diagnostics: [Diagnostic]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = Document(valid: errorCount == 0, files: files, errors: errorCount, warnings: warningCount, diagnostics: diagnostics)
        // Encoding strings and integers to JSON cannot fail.
        return String(decoding: try! encoder.encode(document), as: UTF8.self) + "\n"
    }
}
