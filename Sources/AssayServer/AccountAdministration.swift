import Accounts
import AssayCore
import AssayStore
import Foundation
import HummingbirdBcrypt

/// What an operator does to accounts (`assay user`): each grant, disabling and re-enabling is a
/// record in the log; the password's bcrypt hash goes to the store's credential table, never the
/// log; disabling or resetting ends the account's sessions at once.
public struct AccountAdministration: Sendable {
    public var engine: Engine
    public var credentials: any CredentialStore
    public var bcryptCost: UInt8

    public init(engine: Engine, credentials: any CredentialStore, bcryptCost: UInt8 = 12) {
        self.engine = engine
        self.credentials = credentials
        self.bcryptCost = bcryptCost
    }

    /// Grants `role` over `jurisdiction` to `account` (a new one, or replacing its grant) and
    /// sets its password; returns the password (the one given, or a new one to hand over once).
    @discardableResult
    public func grant(_ account: String, role: String, for jurisdiction: String, password: String? = nil, by actor: Actor, at date: Date) async throws -> String {
        guard !account.isEmpty, !account.contains(":") else { throw AccountError.invalidID(account) }
        let password = password ?? Self.newPassword()
        guard password.count >= 12 else { throw AccountError.shortPassword }
        let grant = RoleGranted(role: role, jurisdiction: jurisdiction)
        try await engine.record(PluginRecord(plugin: Accounts.name, type: AccountRecords.granted, by: actor, value: try RecordValue(encoding: grant)),
                                about: AccountRecords.subject(account), at: date)
        try await credentials.setPasswordHash(Bcrypt.hash(password, cost: bcryptCost), of: account)
        return password
    }

    /// Disables `account`: it signs in no more, and its sessions end now.
    public func disable(_ account: String, reason: String, by actor: Actor, at date: Date) async throws {
        try await change(account, to: AccountRecords.disabled, reason: reason, by: actor, at: date)
        try await credentials.endSessions(of: account)
    }

    /// Enables a disabled account again.
    public func enable(_ account: String, reason: String, by actor: Actor, at date: Date) async throws {
        try await change(account, to: AccountRecords.enabled, reason: reason, by: actor, at: date)
    }

    /// Sets a new password (the one given, or a new one, returned) and ends the account's sessions.
    public func resetPassword(_ account: String, to password: String? = nil) async throws -> String {
        guard try await accounts()[account] != nil else { throw AccountError.unknown(account) }
        let password = password ?? Self.newPassword()
        guard password.count >= 12 else { throw AccountError.shortPassword }
        try await credentials.setPasswordHash(Bcrypt.hash(password, cost: bcryptCost), of: account)
        try await credentials.endSessions(of: account)
        return password
    }

    /// Every account as the log holds it, by id.
    public func accounts() async throws -> [String: AccountsState.Account] {
        try await engine.currentPluginStates().state(of: Accounts.self)?.accounts ?? [:]
    }

    private func change(_ account: String, to type: String, reason: String, by actor: Actor, at date: Date) async throws {
        guard try await accounts()[account] != nil else { throw AccountError.unknown(account) }
        try await engine.record(PluginRecord(plugin: Accounts.name, type: type, by: actor, value: try RecordValue(encoding: AccountStatusChange(reason: reason))),
                                about: AccountRecords.subject(account), at: date)
    }

    /// Twenty random letters and digits.
    static func newPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet.randomElement(using: &generator)! })
    }
}

/// Why an account could not be changed.
public enum AccountError: Error, CustomStringConvertible {
    case invalidID(String)
    case unknown(String)
    case shortPassword

    public var description: String {
        switch self {
        case .invalidID(let id): "'\(id)' cannot name an account: give a non-empty id without ':'"
        case .unknown(let id): "there is no account \(id); add it with `assay user add \(id) --role ROLE --for …`"
        case .shortPassword: "a password has at least 12 characters"
        }
    }
}
