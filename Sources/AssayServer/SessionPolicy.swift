import AssayCore

/// How long a session lasts: it ends after `idle` without a request, and after `absolute`
/// whatever its use; and how many failed sign-ins an account, or an address, may make in `window`.
public struct SessionPolicy: Sendable {
    public var idle: Duration
    public var absolute: Duration
    public var failedSignIns: Int
    public var failedSignInsPerAddress: Int
    public var window: Duration

    public init(idle: Duration = .seconds(30 * 60), absolute: Duration = .seconds(12 * 3600), failedSignIns: Int = 5, failedSignInsPerAddress: Int = 20,
                window: Duration = .seconds(15 * 60)) {
        self.idle = idle
        self.absolute = absolute
        self.failedSignIns = failedSignIns
        self.failedSignInsPerAddress = failedSignInsPerAddress
        self.window = window
    }

    /// Whether a session created at `created` and last used at `lastUsed` still holds at `now`.
    func holds(created: Timestamp, lastUsed: Timestamp, now: Timestamp) -> Bool {
        now.milliseconds - lastUsed.milliseconds < idle.milliseconds && now.milliseconds - created.milliseconds < absolute.milliseconds
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
