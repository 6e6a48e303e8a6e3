import AssayCore

/// The flows of Workflows/, built into the program (the `EmbedYAMLPlugin` generates
/// `files` from the folder at build time), so `assay demo` and `assay validate` work from any
/// folder and after the executable is installed elsewhere.
public enum EmbeddedWorkflows {
    /// Each file's bytes, named `<built-in>/NAME` in diagnostics.
    public static func sources() -> [(file: String, bytes: [UInt8])] {
        files.map { ("<built-in>/\($0.name)", Array($0.text.utf8)) }
    }
}
