import AssayCore

/// The accounts as the log holds them: each one's current grant and whether it is enabled.
public struct AccountsState: Sendable {
    /// One account as it stands.
    public struct Account: Sendable, Equatable {
        public var id: String
        public var role: String
        public var jurisdiction: String
        public var enabled: Bool
        /// When the current grant was recorded.
        public var grantedAt: Timestamp

        /// The actor this account acts as in the flows; nil for the server's own roles.
        public var actor: Actor? {
            guard !AccountRole.serverRoles.contains(role), let jurisdiction = AccountRole.jurisdiction(jurisdiction) else { return nil }
            return Actor(id: id, role: role, jurisdiction: jurisdiction)
        }
    }

    public private(set) var accounts: [String: Account] = [:]

    public init() {}

    mutating func fold(_ record: CheckedRecord, about subject: Subject, at: Timestamp) {
        guard subject.kind == AccountRecords.subjectKind else { return }
        let id = String(subject.value.dropFirst(AccountRecords.subjectKind.count + 1))
        switch record.type {
        case AccountRecords.granted:
            guard let grant = record.content(as: RoleGranted.self) else { return }
            accounts[id] = Account(id: id, role: grant.role, jurisdiction: grant.jurisdiction, enabled: accounts[id]?.enabled ?? true, grantedAt: at)
        case AccountRecords.disabled:
            accounts[id]?.enabled = false
        case AccountRecords.enabled:
            accounts[id]?.enabled = true
        default:
            break
        }
    }
}
