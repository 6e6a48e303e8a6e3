import AssayCore

/// The accounts plugin's record types and subject kind.
public enum AccountRecords {
    public static let subjectKind = "account"
    public static let granted = "role-granted"
    public static let disabled = "account-disabled"
    public static let enabled = "account-enabled"

    /// The subject of `account`'s records.
    public static func subject(_ account: String) -> Subject {
        Subject(kind: subjectKind, id: account)
    }
}

/// An account is granted `role` over `jurisdiction`: `institution:ID`, `region:CODE`, or `all`
/// for the two roles that are not the flows' (an auditor reads everything, an operator runs
/// the deadlines and the accounts).
public struct RoleGranted: Sendable, Equatable, Codable {
    public var role: String
    public var jurisdiction: String

    public init(role: String, jurisdiction: String) {
        self.role = role
        self.jurisdiction = jurisdiction
    }

    enum CodingKeys: String, CodingKey { case role, jurisdiction = "for" }

    /// Why the grant is malformed, or nil.
    var problem: String? {
        if role.isEmpty { return "a grant names a role" }
        if AccountRole.serverRoles.contains(role) { return jurisdiction == "all" ? nil : "role \(role) is granted for all, not \(jurisdiction)" }
        return AccountRole.jurisdiction(jurisdiction) == nil ? "'\(jurisdiction)' is not institution:ID or region:CODE (GB/T 2260)" : nil
    }
}

/// An account disabled or enabled again, and why.
public struct AccountStatusChange: Sendable, Equatable, Codable {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}
