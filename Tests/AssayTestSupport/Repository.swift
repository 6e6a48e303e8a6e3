import Foundation

/// Paths in this repository, for tests that run the real flows and the built commands.
public enum Repository {
    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Workflows/`: tests run against the real flows.
    public static let workflows = root.appendingPathComponent("Workflows").path
}
