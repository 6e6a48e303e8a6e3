// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Assay",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "assay", targets: ["assay"]),
        .library(name: "AssayCore", targets: ["AssayCore"]),
        .library(name: "AssayYAML", targets: ["AssayYAML"]),
        .library(name: "AssayHistory", targets: ["AssayHistory"]),
        // The plugins, for the fuzz targets of Fuzz/ that read what they import.
        .library(name: "AssayPlugins", targets: ["GuidanceGroups", "RegistrationAudit", "IntegrityRecords", "Coordinators"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The server only: HTTP, password hashing, and the OpenAPI document's types and routes.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        // The server's pages: HTML from Mustache templates.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
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
        // Tamper evidence and audit: the Merkle log, signed checkpoints, proofs, verify, replay.
        .target(
            name: "AssayHistory",
            dependencies: ["AssayCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // A witness of other logs: it cosigns their checkpoints (C2SP tlog-witness) and keeps
        // its memory of them, and the evidence of forks, in a SQLite file of its own.
        .target(
            name: "AssayWitness",
            dependencies: ["AssayCore", "AssayHistory", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Durable event stores: SQLite (GRDB), the embedded default, and PostgreSQL (postgres-nio).
        .target(
            name: "AssayStore",
            dependencies: [
                "AssayCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The embedded demo: Jiaozuo's regions and institutions, the scenario `assay demo` runs,
        // and the flows of Workflows/, built in.
        .target(name: "AssayDemo", dependencies: ["AssayCore", "GuidanceGroups", "RegistrationAudit", "IntegrityRecords", "Coordinators"], plugins: ["EmbedYAMLPlugin"]),
        // Plugins: the domain, on the core's plugin host (see Plugins/README.md).
        // What plugins' commands share: ArgumentParser commands run with the engine, who acts.
        .target(
            name: "PluginCommandLine",
            dependencies: ["AssayCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(
            name: "GuidanceGroups",
            dependencies: ["AssayCore", "PluginCommandLine", "IntegrityRecords", "Coordinators", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Plugins/GuidanceGroups",
            exclude: ["Data"],
            plugins: ["EmbedYAMLPlugin"]
        ),
        .target(
            name: "RegistrationAudit",
            dependencies: ["AssayCore", "PluginCommandLine", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Plugins/RegistrationAudit",
            exclude: ["Data"],
            plugins: ["EmbedYAMLPlugin"]
        ),
        .target(
            name: "IntegrityRecords",
            dependencies: ["AssayCore", "PluginCommandLine", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Plugins/IntegrityRecords",
            exclude: ["Data"],
            plugins: ["EmbedYAMLPlugin"]
        ),
        .target(
            name: "Coordinators",
            dependencies: ["AssayCore", "AssayHistory", "PluginCommandLine", "IntegrityRecords", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "Crypto", package: "swift-crypto")],
            path: "Plugins/Coordinators",
            exclude: ["Data"],
            plugins: ["EmbedYAMLPlugin"]
        ),
        .target(
            name: "Accounts",
            dependencies: ["AssayCore"],
            path: "Plugins/Accounts"
        ),
        // The HTTP API `assay serve` runs (Hummingbird 2): the operations of its OpenAPI document,
        // each a library call made with the signed-in account's identity. The core and the
        // plugins know nothing of it.
        .target(
            name: "AssayServer",
            dependencies: [
                "AssayCore", "AssayHistory", "AssayStore", "AssayWitness", "Accounts", "Coordinators", "GuidanceGroups", "IntegrityRecords", "RegistrationAudit",
                "PluginCommandLine",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("openapi.yaml"), .copy("Pages/Templates"), .copy("Pages/Assets")],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // Turns Workflows/ and plugins' Data/ into Swift source at build time.
        .executableTarget(name: "embed-yaml"),
        .plugin(name: "EmbedYAMLPlugin", capability: .buildTool(), dependencies: ["embed-yaml"],
                path: "Sources/EmbedYAMLPlugin"),
        .executableTarget(
            name: "assay",
            dependencies: [
                "AssayCore",
                "AssayDemo",
                "AssayHistory",
                "AssayStore",
                "GuidanceGroups",
                "RegistrationAudit",
                "IntegrityRecords",
                "Coordinators",
                "Accounts",
                "AssayServer",
                "AssayWitness",
                "PluginCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "assay-bench",
            dependencies: ["AssayCore", "AssayYAML", "AssayDemo", "AssayStore", "AssayHistory", "CYAML", "GuidanceGroups", "RegistrationAudit", "IntegrityRecords", "Coordinators",
                           "Accounts", "AssayServer",
                           .product(name: "GRDB", package: "GRDB.swift"), .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/AssayBenchmarks"
        ),
        .testTarget(
            name: "AssayYAMLTests",
            dependencies: ["AssayYAML"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "AssayCoreTests",
            dependencies: ["AssayCore", "AssayYAML", "AssayDemo", "AssayTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "GuidanceGroupsTests",
            dependencies: ["GuidanceGroups", "AssayCore", "AssayHistory", "AssayDemo", "AssayTestSupport", "PluginCommandLine", "IntegrityRecords", "Coordinators"]
        ),
        .testTarget(name: "RegistrationAuditTests", dependencies: ["RegistrationAudit", "AssayCore", "AssayHistory", "AssayDemo", "AssayTestSupport"]),
        .testTarget(name: "CoordinatorsTests", dependencies: ["Coordinators", "AssayCore", "AssayHistory", "AssayDemo", "AssayTestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "IntegrityRecordsTests", dependencies: ["IntegrityRecords", "AssayCore", "AssayHistory", "AssayDemo", "AssayTestSupport"]),
        .testTarget(
            name: "AssayServerTests",
            dependencies: ["AssayServer", "AssayCore", "AssayStore", "AssayHistory", "AssayWitness", "AssayDemo", .product(name: "Crypto", package: "swift-crypto"), "AssayTestSupport", "Accounts", "GuidanceGroups", "RegistrationAudit",
                           "IntegrityRecords", "Coordinators",
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "HummingbirdTesting", package: "hummingbird")]
        ),
        .testTarget(
            name: "AssayCLITests",
            dependencies: ["assay", "AssayCore", "AssayStore", "AssayHistory", "AssayWitness", "AssayDemo", "AssayTestSupport", "GuidanceGroups"]
        ),
        .testTarget(
            name: "AssayHistoryTests",
            dependencies: ["AssayHistory", "AssayTestSupport"]
        ),
        .testTarget(name: "AssayWitnessTests", dependencies: ["AssayWitness", "AssayHistory", "AssayCore", "AssayTestSupport"]),
        .testTarget(
            name: "AssayStoreTests",
            dependencies: ["AssayStore", "AssayHistory", "AssayDemo", "AssayTestSupport", "store-worker",
                           .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        // Test support: sample histories, and a process that appends to a store for the
        // multi-process and kill tests.
        .target(name: "AssayTestSupport", dependencies: ["AssayCore", "AssayDemo", "GuidanceGroups", "RegistrationAudit", "IntegrityRecords", "Coordinators"], path: "Tests/AssayTestSupport"),
        .executableTarget(name: "store-worker", dependencies: ["AssayStore", "AssayTestSupport"], path: "Tests/StoreWorker"),
    ]
)
