import AssayCore

/// Counts failed sign-ins by account and by address; past the policy's limit for each in its
/// window, further attempts are refused (429) until the window has passed since the oldest.
/// An address has a higher limit than an account: many people may sign in from behind one.
actor SignInThrottle {
    /// What failures are counted against.
    enum Key: Hashable {
        case account(String)
        case address(String)
    }

    private let policy: SessionPolicy
    private var failures: [Key: [Timestamp]] = [:]

    init(policy: SessionPolicy) {
        self.policy = policy
    }

    /// Seconds until `keys` may try again, or nil when they may now.
    func retryAfter(_ keys: [Key], now: Timestamp) -> Int? {
        let waits = keys.compactMap { key -> Int64? in
            let recent = (failures[key] ?? []).filter { now.milliseconds - $0.milliseconds < policy.window.milliseconds }
            failures[key] = recent.isEmpty ? nil : recent
            guard recent.count >= limit(of: key), let oldest = recent.first else { return nil }
            return policy.window.milliseconds - (now.milliseconds - oldest.milliseconds)
        }
        return waits.max().map { Int(($0 + 999) / 1000) }
    }

    func failed(_ keys: [Key], at now: Timestamp) {
        for key in keys { failures[key, default: []].append(now) }
    }

    /// A success clears the account's count, not the address's: one good password does not
    /// excuse an address's guesses at other accounts.
    func succeeded(_ account: String) {
        failures[.account(account)] = nil
    }

    private func limit(of key: Key) -> Int {
        switch key {
        case .account: policy.failedSignIns
        case .address: policy.failedSignInsPerAddress
        }
    }
}
