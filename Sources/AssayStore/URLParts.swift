import Foundation

/// The parts of a `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE` address.
struct URLParts {
    var user: String?
    var password: String?
    var host: String
    var port: Int?
    var database: String?

    init?(_ url: String) {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let host = components.host, !host.isEmpty
        else { return nil }
        user = components.user
        password = components.password
        self.host = host
        port = components.port
        let path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        database = path.isEmpty ? nil : path
    }
}
