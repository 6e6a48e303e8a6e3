// swift-tools-version: 6.1
import PackageDescription

// libFuzzer targets over what Assay reads from outside: flow files, stored events and exports.
// Built apart from the main package, with the fuzzer and AddressSanitizer: see scripts/fuzz.
let package = Package(
    name: "AssayFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Assay", path: "..")],
    targets: [
        // libFuzzer's driver entry point.
        .systemLibrary(name: "CFuzzer"),
        // YAML → DefinitionLoader → Validator → canonical JSON and back.
        .executableTarget(name: "fuzz-flow", dependencies: ["CFuzzer", .product(name: "AssayCore", package: "Assay")]),
        // Bytes read from a store → the canonical event reader → the same bytes back.
        .executableTarget(name: "fuzz-event", dependencies: ["CFuzzer", .product(name: "AssayCore", package: "Assay")]),
        // A file handed to `assay import` → the export reader.
        .executableTarget(name: "fuzz-export", dependencies: ["CFuzzer", .product(name: "AssayHistory", package: "Assay")]),
    ]
)
