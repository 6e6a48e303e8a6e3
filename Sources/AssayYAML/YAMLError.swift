/// A problem in a YAML source, with the file, position and key path where it was found.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// libyaml could not parse the text (bad indentation, an unclosed quote, a tab...).
        case syntax(problem: String, context: String?, contextMark: Mark?)
        /// The same key appears twice in one mapping.
        case duplicateKey(String, firstAt: Mark)
        /// Aliases would expand the document beyond the node limit.
        case tooManyNodes(limit: Int)
        /// Collections are nested deeper than the limit.
        case nestingTooDeep(limit: Int)
        /// An alias names an anchor that was not defined before it.
        case unknownAnchor(String)
        /// A file holds more than one YAML document.
        case multipleDocuments
        /// A file holds no document at all.
        case emptyDocument
        /// A node has the wrong kind or form for what is expected there.
        case typeMismatch(expected: String, found: String)
        /// A required key is missing from a mapping.
        case missingKey(String)
        /// A mapping has a key that nothing reads (often a typo).
        case unknownKey(String, expected: [String])
        /// A value is well-formed YAML but not acceptable here.
        case invalidValue(String)
        /// The file could not be read at all.
        case unreadable(String)
        /// A tab where YAML needs spaces: in the indentation of a line.
        case tabIndentation
        /// The bytes are not UTF-8 text (a binary file, or another encoding).
        case notText
        /// More errors were found in the file than are listed.
        case moreErrors(Int)
    }

    public var file: String
    public var mark: Mark
    /// Mapping keys and `[index]` components leading to the node.
    public var path: [String]
    public var reason: Reason

    public init(file: String, mark: Mark, path: [String] = [], reason: Reason) {
        self.file = file
        self.mark = mark
        self.path = path
        self.reason = reason
    }

    /// The message without the location prefix.
    public var message: String {
        let at = path.isEmpty ? "" : "\(KeyPath.format(path)): "
        switch reason {
        case .syntax(let problem, let context, let contextMark):
            var within = ""
            if let context {
                within = " (\(context)" + (contextMark.map { " that starts at line \($0.line), column \($0.column)" } ?? "") + ")"
            }
            return "\(at)YAML syntax error: \(problem)\(within); check the indentation and quoting on this line"
        case .duplicateKey(let key, let first):
            return "\(at)duplicate key '\(key)' (first defined at line \(first.line), column \(first.column)); keep one of them"
        case .tooManyNodes(let limit):
            return "\(at)aliases expand this document beyond \(limit) nodes; this limit guards against alias bombs, so write the repeated parts out or use fewer nested aliases"
        case .nestingTooDeep(let limit):
            return "\(at)collections are nested deeper than \(limit) levels; flatten the document"
        case .unknownAnchor(let name):
            return "\(at)alias '*\(name)' refers to no anchor defined before it; define '&\(name)' first"
        case .multipleDocuments:
            return "a file must hold exactly one YAML document; split the documents into separate files"
        case .emptyDocument:
            return "the file holds no YAML document"
        case .typeMismatch(let expected, let found):
            return "\(at)expected \(expected), found \(found)"
        case .missingKey(let key):
            return "\(at)missing required key '\(key)'"
        case .unknownKey(let key, let expected):
            let options = expected.isEmpty ? "" : "; expected one of: \(expected.joined(separator: ", "))"
            return "\(at)unknown key '\(key)'\(Suggestion.hint(for: key, in: expected))\(options)"
        case .invalidValue(let explanation):
            return "\(at)\(explanation)"
        case .unreadable(let explanation):
            return "cannot read the file: \(explanation)"
        case .tabIndentation:
            return "a tab cannot indent YAML; use spaces"
        case .notText:
            return "the file is not UTF-8 text (it may be binary, or saved in another encoding); a flow is a YAML text file in UTF-8"
        case .moreErrors(let count):
            return "\(count) more errors in this file are not shown"
        }
    }

    /// `file:line:column: message`, the form compilers and editors understand.
    public var description: String {
        "\(file):\(mark.line):\(mark.column): \(message)"
    }
}
