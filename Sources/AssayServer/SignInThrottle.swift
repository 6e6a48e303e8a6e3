import AssayCore

/// Counts failed sign-ins by account and by address; past the policy's limit in its window,
/// further attempts are refused (429) until the window has passed since the oldest.
actor SignInThrottle {
    private let policy: SessionPolicy
    private var failures: [String: [Timestamp]] = [:]

    init(policy: SessionPolicy) {
        self.policy = policy
    }

    /// Seconds until `keys` may try again, or nil when they may now.
    func retryAfter(_ keys: [String], now: Timestamp) -> Int? {
        let waits = keys.compactMap { key -> Int64? in
            let recent = (failures[key] ?? []).filter { now.milliseconds - $0.milliseconds < policy.window.milliseconds }
            failures[key] = recent
            guard recent.count >= policy.failedSignIns, let oldest = recent.first else { return nil }
            return policy.window.milliseconds - (now.milliseconds - oldest.milliseconds)
        }
        return waits.max().map { Int(($0 + 999) / 1000) }
    }

    func failed(_ keys: [String], at now: Timestamp) {
        for key in keys { failures[key, default: []].append(now) }
    }

    func succeeded(_ account: String) {
        failures["account:\(account)"] = nil
    }
}
