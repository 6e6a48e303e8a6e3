import AssayCore
import AssayHistory
import AssayTestSupport
import Foundation
import Testing

@Suite("Directories imported as snapshots")
struct DirectoryTests {
    static func run(_ name: String, _ arguments: [String], engine: Engine, host: PluginHost) async throws -> String {
        let command = try #require(host.command(named: name))
        return try await command.run(PluginCommand.Context(arguments: arguments, host: host) { _ in engine })
    }

    static func engine() throws -> (InMemoryEventStore, Engine, PluginHost) {
        let store = InMemoryEventStore()
        let host = try ChecklistReviews.host()
        return (store, Engine(library: FlowLibrary(try DefinitionLoader().loadAll([Repository.workflows]).map(\.definition)), plugins: host, store: store), host)
    }

    @Test("a folder with mistakes is refused by file, row and column, writing nothing; a clean one is recorded under its hash, which a draw can name")
    func importAndDraw() async throws {
        let folder = try DrawTests.pool()
        let (store, engine, host) = try Self.engine()
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("assay-directory-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: folder, to: broken)
        let institutions = broken.appendingPathComponent("institutions.csv")
        var text = try String(contentsOf: institutions, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        text = ([lines[0], "I99999,999999", lines[1]] + lines.dropFirst(2)).joined(separator: "\n")
        try Data(text.utf8).write(to: institutions)
        let conflicts = broken.appendingPathComponent("conflicts.csv")
        try Data((try String(contentsOf: conflicts, encoding: .utf8) + "E99999,I00001\n").utf8).write(to: conflicts)
        let acting = ["--actor", "commission@410800", "--role", "city-coordinator", "--for", "region:410800", "--at", "2022-07-01T09:00:00+08:00"]
        let refused = await #expect(throws: (any Error).self) { try await Self.run("directory", ["import", broken.path] + acting, engine: engine, host: host) }
        let message = String(describing: try #require(refused))
        #expect(message.contains("institutions.csv: row 2, column county_code: '999999' is not a county of regions.csv"), "\(message)")
        #expect(message.contains("conflicts.csv: row "), "\(message)")
        #expect(message.contains("column expert_id: 'E99999' is not an expert of experts.csv"), "\(message)")
        #expect(store.logSize() == 0)

        let imported = try await Self.run("directory", ["import", folder.path] + acting, engine: engine, host: host)
        #expect(imported.contains(": 16 regions, 450 institutions, 100 experts, 6 groups, "), "\(imported)")
        let hash = String(try #require(imported.split(separator: " ").dropFirst(2).first).dropLast())
        #expect(try await Self.run("directory", ["show", String(hash.prefix(12))], engine: engine, host: host).hasPrefix("directory \(hash.prefix(12)): 16 regions, 450 institutions"))

        // A draw from the snapshot is the draw from the files: the same pool hashes.
        let fromSnapshot = try await DrawTests.draw(["announce", "Q3", "--targets", "3", "--directory", hash] + acting, engine: engine, host: host)
        #expect(fromSnapshot.hasPrefix("announced draw Q3: 3 institutions"))
        let files = ["--institutions", folder.appendingPathComponent("institutions.csv").path, "--experts", folder.appendingPathComponent("experts.csv").path]
        try DrawTests.checkpoint(store, key: CheckpointKey(), number: 1)
        let drawn = try await DrawTests.draw(["run", "Q3", "--directory", String(hash.prefix(12))] + acting, engine: engine, host: host)
        #expect(drawn.split(separator: "\n").count == 4)
        #expect(try await DrawTests.draw(["verify", "Q3"] + files, engine: engine, host: host).hasPrefix("draw Q3 verifies"))
    }
}
