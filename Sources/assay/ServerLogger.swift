import Logging

extension Logger {
    /// A server's logger: its lines (one a request, and its start and stop) on standard
    /// output, at info level.
    static func server(_ label: String) -> Logger {
        Logger(label: label) { label in
            var handler = StreamLogHandler.standardOutput(label: label)
            handler.logLevel = .info
            return handler
        }
    }
}
