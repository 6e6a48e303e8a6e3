import Foundation

/// Paths in this repository, for tests that run the real flows and the built commands.
public enum Repository {
    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Workflows/`: tests run against the real flows.
    public static let workflows = root.appendingPathComponent("Workflows").path

    /// `../shared`, the domain notes and reference tools beside the project for its developers
    /// and CI; nil when it is not there (a user's fresh clone), so tests that cross-check with
    /// it are skipped, saying so.
    public static let shared: URL? = {
        let folder = root.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: folder.appendingPathComponent("assignment/verify.py").path) ? folder : nil
    }()
}
