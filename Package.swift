// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Assay",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "assay", targets: ["assay"]),
        .library(name: "AssayCore", targets: ["AssayCore"]),
        .library(name: "AssayYAML", targets: ["AssayYAML"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // libyaml, through pkg-config (Debian: libyaml-dev).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // A YAML node tree with source positions, and a Decoder over it.
        .target(name: "AssayYAML", dependencies: ["CYAML"]),
        // Flow definitions, validation and the engine. No I/O beyond reading definitions.
        .target(
            name: "AssayCore",
            dependencies: [
                "AssayYAML",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The embedded demo: Jiaozuo's regions and institutions, and the scenario `assay demo` runs.
        .target(name: "AssayDemo", dependencies: ["AssayCore"]),
        .executableTarget(
            name: "assay",
            dependencies: [
                "AssayCore",
                "AssayDemo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "assay-bench",
            dependencies: ["AssayCore", "AssayYAML", "AssayDemo", "CYAML"],
            path: "Benchmarks/AssayBenchmarks"
        ),
        .testTarget(
            name: "AssayYAMLTests",
            dependencies: ["AssayYAML"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "AssayCoreTests",
            dependencies: ["AssayCore", "AssayDemo"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "AssayCLITests",
            dependencies: ["assay"]
        ),
    ]
)
