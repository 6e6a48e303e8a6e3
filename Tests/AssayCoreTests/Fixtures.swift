import AssayCore
import AssayTestSupport
import Foundation

/// Paths to the real flows and to the test fixtures.
enum Fixtures {
    /// The repository's `Workflows/` folder: tests run against the real flows.
    static let workflows = Repository.workflows

    /// A file under `Fixtures/`, such as `invalid/dead-end.yaml`.
    static func path(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name).path
    }

    /// The real flows, loaded.
    static func realFlows() throws -> [LoadedDefinition] {
        try DefinitionLoader().loadAll([workflows])
    }
}
