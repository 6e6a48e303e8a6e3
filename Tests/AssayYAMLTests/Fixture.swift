import Foundation

/// A YAML file under `Fixtures/`, with the name errors should report.
struct Fixture {
    let name: String

    init(_ name: String) { self.name = name }

    var url: URL {
        Bundle.module.url(forResource: name, withExtension: "yaml", subdirectory: "Fixtures")!
    }

    var bytes: [UInt8] { Array(try! Data(contentsOf: url)) }
}
