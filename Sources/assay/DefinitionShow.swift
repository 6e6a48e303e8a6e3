import ArgumentParser
import AssayCore
import Foundation

/// `assay definition show`: a stored definition, checked against its hash.
struct DefinitionShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the definition a store holds under a hash (or a unique prefix of one).",
        discussion: "Checks the stored bytes against the hash first. --format canonical prints the canonical JSON exactly as hashed, so `sha256sum` of the output is the hash.\n\nExample:\n  assay definition show c923af8781fd --format canonical | sha256sum"
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, canonical }

    @OptionGroup var store: StoreOptions

    @Argument(help: "The definition's hash, or its first 6 or more hex digits.")
    var hash: String

    @Option(help: "Output format: text, json or canonical.")
    var format: Format = .text

    func validate() throws {
        guard hash.count >= 6, hash.allSatisfy(\.isHexDigit) else {
            throw ValidationError("'\(hash)' is not a definition hash; give at least its first 6 hex digits, as `assay history` shows it")
        }
    }

    func run() async throws {
        let stored = try await store.open(.read).definitions()
        let matches = stored.keys.filter { $0.hex.hasPrefix(hash.lowercased()) }
        guard matches.count == 1, let found = matches.first, let bytes = stored[found] else {
            throw CommandFailure.wrong(matches.isEmpty
                ? "the store holds no definition with hash \(hash); it holds \(counted(stored.count, "definition"))"
                : "\(matches.count) definitions have hashes starting \(hash); give more digits")
        }
        let definition = try StoredDefinition.decode(bytes, expecting: found)
        switch format {
        case .canonical:
            try Console.output(bytes)
        case .json:
            print(try JSONOutput.encode(definition))
        case .text:
            print("definition \(found.hex) (verified against its canonical JSON)")
            print("flow \(definition.id) version \(definition.version): \(definition.title.en) / \(definition.title.zh)")
            print(try JSONOutput.encode(definition))
        }
    }
}
