// swift-tools-version: 6.1
import PackageDescription

// libFuzzer targets over what Assay reads from outside: flow files, stored events, exports, and
// the data files and imports of the plugins.
// Built apart from the main package: scripts/fuzz compiles everything with AddressSanitizer and
// the coverage libFuzzer follows, and only these targets link libFuzzer itself (a build tool
// such as the main package's embed-yaml must keep its own `main`).
let libFuzzer: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]

let package = Package(
    name: "AssayFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Assay", path: "..")],
    targets: [
        // libFuzzer's driver entry point.
        .systemLibrary(name: "CFuzzer"),
        // YAML → DefinitionLoader → Validator → canonical JSON and back.
        .executableTarget(name: "fuzz-flow", dependencies: ["CFuzzer", .product(name: "AssayCore", package: "Assay")],
                          linkerSettings: libFuzzer),
        // Bytes read from a store → the canonical event reader → the same bytes back.
        .executableTarget(name: "fuzz-event", dependencies: ["CFuzzer", .product(name: "AssayCore", package: "Assay")],
                          linkerSettings: libFuzzer),
        // A plugin's data file (checklist, prerequisites, rules, targets, team rule) → its checks.
        .executableTarget(name: "fuzz-data-file", dependencies: ["CFuzzer", .product(name: "AssayPlugins", package: "Assay")],
                          linkerSettings: libFuzzer),
        // A file a plugin imports: registration batch, integrity records, directory, draw pool,
        // field-form submissions (CSV or JSON) → its reader.
        .executableTarget(name: "fuzz-import", dependencies: ["CFuzzer", .product(name: "AssayPlugins", package: "Assay")],
                          linkerSettings: libFuzzer),
        // A body POSTed to a witness's add-checkpoint → the request and signed-note readers.
        .executableTarget(name: "fuzz-witness-request", dependencies: ["CFuzzer", .product(name: "AssayHistory", package: "Assay")],
                          linkerSettings: libFuzzer),
        // A file handed to `assay import` → the export reader.
        .executableTarget(name: "fuzz-export", dependencies: ["CFuzzer", .product(name: "AssayHistory", package: "Assay")],
                          linkerSettings: libFuzzer),
    ]
)
