import Accounts
import ArgumentParser
import AssayCore
import AssayServer
import AssayStore
import Foundation

/// `assay user`: the server's accounts, an operator's command. Each grant, disabling and
/// re-enabling is a record in the log; passwords live in the store's credential table.
struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, list, disable, enable and reset the accounts that sign in to `assay serve`.",
        discussion: "Roles are the flows' (institution, county-expert, city-coordinator, …) with --for institution:ID or region:CODE, or auditor and operator with --for all. A new password is printed once; --password-stdin reads one instead.",
        subcommands: [UserAdd.self, UserList.self, UserDisable.self, UserEnable.self, UserReset.self]
    )

    /// The operator who makes a change, as the log records it: `--by`, or the login name.
    static func operatorActor(_ by: String?) -> Actor {
        Actor(id: by ?? ProcessInfo.processInfo.environment["USER"] ?? "operator", role: AccountRole.operatorRole, jurisdiction: .system)
    }

    static func administration(_ options: EngineOptions) async throws -> AccountAdministration {
        let engine = try await options.engine(.create)
        guard let credentials = engine.store as? any CredentialStore else {
            throw CommandFailure.wrong("this store keeps no accounts; give a sqlite: or postgres: store")
        }
        return AccountAdministration(engine: engine, credentials: credentials)
    }

    static func readPassword(_ fromStandardInput: Bool) throws -> String? {
        guard fromStandardInput else { return nil }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw CommandFailure.wrong("no password on standard input") }
        return line
    }
}

struct UserAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an account, or grant an existing one another role.",
                                                    discussion: "Example:\n  assay user add city-expert-1 --role city-expert --for region:410800")
    @OptionGroup var engineOptions: EngineOptions
    @Argument(help: "The account's id (the actor id its events carry).") var id: String
    @Option(help: "The role: one of the flows' roles, or auditor or operator.") var role: String
    @Option(name: .customLong("for"), help: "institution:ID, region:CODE, or all (auditor, operator).") var jurisdiction: String
    @Flag(help: "Read the password from standard input instead of printing a new one.") var passwordStdin = false
    @Option(help: "Who makes the change (default: the login name).") var by: String?

    func run() async throws {
        let administration = try await User.administration(engineOptions)
        let password = try await administration.grant(id, role: role, for: jurisdiction, password: try User.readPassword(passwordStdin),
                                                      by: User.operatorActor(by), at: Date())
        print("granted \(id) role \(role) for \(jurisdiction)")
        if !passwordStdin { print("password (shown once): \(password)") }
    }
}

struct UserList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts, their roles and whether they are enabled.")
    @OptionGroup var engineOptions: EngineOptions

    func run() async throws {
        let accounts = try await User.administration(engineOptions).accounts().values.sorted { $0.id < $1.id }
        for account in accounts {
            print("\(account.id)  \(account.role)  \(account.jurisdiction)\(account.enabled ? "" : "  (disabled)")")
        }
        print("\(accounts.count) account\(accounts.count == 1 ? "" : "s")")
    }
}

struct UserDisable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "disable", abstract: "Disable an account: it signs in no more and its sessions end now.")
    @OptionGroup var engineOptions: EngineOptions
    @Argument var id: String
    @Option(help: "Why.") var reason: String
    @Option(help: "Who makes the change (default: the login name).") var by: String?

    func run() async throws {
        try await User.administration(engineOptions).disable(id, reason: reason, by: User.operatorActor(by), at: Date())
        print("disabled \(id): \(reason)")
    }
}

struct UserEnable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enable", abstract: "Enable a disabled account again.")
    @OptionGroup var engineOptions: EngineOptions
    @Argument var id: String
    @Option(help: "Why.") var reason: String
    @Option(help: "Who makes the change (default: the login name).") var by: String?

    func run() async throws {
        try await User.administration(engineOptions).enable(id, reason: reason, by: User.operatorActor(by), at: Date())
        print("enabled \(id): \(reason)")
    }
}

struct UserReset: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reset", abstract: "Set a new password and end the account's sessions.")
    @OptionGroup var engineOptions: EngineOptions
    @Argument var id: String
    @Flag(help: "Read the password from standard input instead of printing a new one.") var passwordStdin = false

    func run() async throws {
        let password = try await User.administration(engineOptions).resetPassword(id, to: try User.readPassword(passwordStdin))
        print("reset the password of \(id); its sessions ended")
        if !passwordStdin { print("password (shown once): \(password)") }
    }
}
