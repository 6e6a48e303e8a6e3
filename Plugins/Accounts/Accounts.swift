import AssayCore

/// Who may act in the server, kept in the log: every grant of a role over a jurisdiction, and
/// every disabling and re-enabling of an account, is a record about `account:ID`, so an auditor
/// sees who could act where, and since when. Passwords and sessions are not here: they live
/// outside the history, in the store's credential table.
public struct Accounts: Plugin {
    public static let name = "accounts"
    public let version = "0.1"

    public init() {}

    public var initialState: AccountsState { AccountsState() }
    public var guards: [Guard] { [] }
    public var dataFileKinds: [DataFileKind] { [] }
    public var commands: [PluginCommand] { [] }

    public var recordKinds: [RecordKind] {
        [RecordKind(name: AccountRecords.granted, summary: "an account is granted a role over a jurisdiction (replacing any earlier grant)",
                    about: AccountRecords.subjectKind, value: RoleGranted.self) { $0.problem },
         RecordKind(name: AccountRecords.disabled, summary: "an account is disabled: it signs in no more and its sessions end",
                    about: AccountRecords.subjectKind, value: AccountStatusChange.self),
         RecordKind(name: AccountRecords.enabled, summary: "a disabled account is enabled again", about: AccountRecords.subjectKind, value: AccountStatusChange.self)]
    }

    public func fold(_ state: inout AccountsState, _ record: CheckedRecord, about subject: Subject, at: Timestamp) {
        state.fold(record, about: subject, at: at)
    }

    public func describe(_ record: PluginRecord) -> String? {
        switch record.type {
        case AccountRecords.granted:
            (try? record.value.decode(as: RoleGranted.self)).map { "granted role \($0.role) for \($0.jurisdiction)" }
        case AccountRecords.disabled:
            (try? record.value.decode(as: AccountStatusChange.self)).map { "disabled: \($0.reason)" }
        case AccountRecords.enabled:
            (try? record.value.decode(as: AccountStatusChange.self)).map { "enabled again: \($0.reason)" }
        default: nil
        }
    }
}
