import ArgumentParser
import AssayCore

/// `assay plugins`: what each registered plugin brings.
struct Plugins: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List the registered plugins with their guards, record kinds, data files and commands.",
        discussion: "Plugins supply the domain: guards that flows name, the facts they record in the log, the data files they read, and commands run as `assay COMMAND …`.\n\nExample:\n  assay plugins"
    )

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    struct Listing: Encodable {
        struct Named: Encodable {
            var name: String
            var summary: String
            var about: String?
        }

        var name: String
        var version: String
        var guards: [Named]
        var recordKinds: [Named]
        var dataFiles: [Named]
        var commands: [Named]

        enum CodingKeys: String, CodingKey { case name, version, guards, recordKinds = "record_kinds", dataFiles = "data_files", commands }
    }

    func run() throws {
        let listings = try RegisteredPlugins.host().plugins.map { plugin in
            Listing(name: type(of: plugin).name, version: plugin.version,
                    guards: plugin.guards.map { .init(name: $0.name, summary: $0.summary) },
                    recordKinds: plugin.recordKinds.map { .init(name: $0.name, summary: $0.summary, about: $0.subjectKind) },
                    dataFiles: plugin.dataFileKinds.map { .init(name: $0.name, summary: $0.summary) },
                    commands: plugin.commands.map { .init(name: $0.name, summary: $0.abstract) })
        }
        if format == .json {
            print(try JSONOutput.encode(listings))
            return
        }
        guard !listings.isEmpty else {
            print("no plugins are registered; a plugin is a module under Plugins/ and one line in Sources/assay/RegisteredPlugins.swift")
            return
        }
        for listing in listings {
            print("\(listing.name) \(listing.version)")
            for (heading, items) in [("guards", listing.guards), ("records", listing.recordKinds), ("data files", listing.dataFiles), ("commands", listing.commands)] where !items.isEmpty {
                print("  \(heading):")
                for item in items { print("    \(item.name)\(item.about.map { " (about \($0))" } ?? ""): \(item.summary)") }
            }
        }
    }
}
