import ArgumentParser

/// Where a server listens: HOST:PORT, such as 127.0.0.1:8080.
struct ListenAddress: ExpressibleByArgument, CustomStringConvertible {
    var host: String
    var port: Int

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    init?(argument: String) {
        guard let colon = argument.lastIndex(of: ":"), let port = Int(argument[argument.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        self.init(host: String(argument[..<colon]), port: port)
    }

    var description: String { "\(host):\(port)" }
}
