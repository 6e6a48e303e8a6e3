import AssayCore
import Foundation

/// A C2SP signed note split into its body and its signature lines, as a witness or an auditor
/// reads one: the text, a blank line, then one `— NAME base64(key ID || signature)` line per
/// signature, every line ending in a newline.
public struct SignedNote: Sendable, Equatable {
    /// One signature line: the key's name, its 4-byte key ID and what follows the ID.
    public struct Signature: Sendable, Equatable {
        public var name: String
        public var keyID: [UInt8]
        public var bytes: [UInt8]
    }

    /// The body, ending in a newline: what the signatures sign.
    public var body: String
    public var signatures: [Signature]

    /// Reads `text`; throws `AuditError.note` naming what is malformed.
    public init(_ text: String) throws(AuditError) {
        guard text.hasSuffix("\n") else { throw .note("a signed note ends with a newline") }
        guard let separator = text.range(of: "\n\n", options: .backwards) else {
            throw .note("a signed note has a blank line between its text and its signatures")
        }
        body = String(text[..<separator.lowerBound]) + "\n"
        signatures = try Self.signatures(in: text[separator.upperBound...])
    }

    /// The signature lines of `text` (such as a witness's response, which is only those lines).
    public static func signatures(in text: Substring) throws(AuditError) -> [Signature] {
        guard text.hasSuffix("\n") else { throw .note("signature lines end with a newline") }
        var signatures: [Signature] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            guard line.hasPrefix("\u{2014} ") else { throw .note("the signature line '\(line)' does not start with '\u{2014} '") }
            let fields = line.dropFirst(2).split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 2, !fields[0].isEmpty, let bytes = Data(base64Encoded: String(fields[1])), bytes.count > 4 else {
                throw .note("the signature line '\(line)' is not a key name and a base64 signature")
            }
            signatures.append(Signature(name: String(fields[0]), keyID: Array(bytes.prefix(4)), bytes: Array(bytes.dropFirst(4))))
        }
        guard !signatures.isEmpty else { throw .note("there is no signature line") }
        return signatures
    }

    /// The checkpoint the body states (C2SP tlog-checkpoint): origin, size and root hash, then
    /// any extension lines.
    public func checkpointBody() throws(AuditError) -> (origin: String, treeSize: Int, rootHash: LogHash, extensions: [String]) {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        guard lines.count >= 3 else { throw .note("a checkpoint's body has an origin, a tree size and a root hash line") }
        if let problem = LogOrigin.problem(with: lines[0]) { throw .note("the origin line: \(problem)") }
        guard let size = Int(lines[1]), size >= 0, String(size) == lines[1] else {
            throw .note("the tree size '\(lines[1])' is not a decimal number without leading zeros")
        }
        guard let root = Data(base64Encoded: lines[2]), root.count == 32 else {
            throw .note("the root hash '\(lines[2])' is not 32 bytes in base64")
        }
        let extensions = Array(lines.dropFirst(3))
        guard !extensions.contains(where: \.isEmpty) else { throw .note("a checkpoint's body has no empty line") }
        return (lines[0], size, LogHash(bytes: Array(root)), extensions)
    }
}
