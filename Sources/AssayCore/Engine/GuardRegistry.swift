/// Every guard the engine and validation know, looked up by name.
public struct GuardRegistry: Sendable {
    private var guards: [String: (guard: Guard, provider: String)] = [:]

    /// A registry of the guards of `providers`; two providers offering one name is an error.
    public init(_ providers: [any GuardProvider] = [StandardGuards()]) throws(GuardRegistryError) {
        for provider in providers {
            for offered in provider.guards {
                if let existing = guards[offered.name] {
                    throw GuardRegistryError(name: offered.name, providers: [existing.provider, provider.id])
                }
                guards[offered.name] = (offered, provider.id)
            }
        }
    }

    /// The registry of the core's standard guards.
    public static let standard = try! GuardRegistry()

    public subscript(name: String) -> Guard? { guards[name]?.guard }

    /// All guard names, sorted.
    public var names: [String] { guards.keys.sorted() }
}

/// Two guard providers offer a guard of the same name.
public struct GuardRegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var providers: [String]

    public var description: String {
        "guard '\(name)' is provided by both \(providers.joined(separator: " and ")); a guard name must have one provider"
    }
}
