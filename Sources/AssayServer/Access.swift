import Accounts
import AssayCore

/// Who sees what: an auditor and an operator see every case; an institution its own; a
/// commission or an expert the cases of institutions inside its region. What an account may
/// do to a case the engine decides, as for the command line: role, level, jurisdiction,
/// independence and the flow's guards (assigned reviewer, group leader, eligibility).
enum Access {
    static func sees(_ account: AccountsState.Account, _ state: CaseState) -> Bool {
        if AccountRole.serverRoles.contains(account.role) { return true }
        switch AccountRole.jurisdiction(account.jurisdiction) {
        case .institution(let id)?: return state.institution.id == id
        case .region(let code)?: return code.contains(state.institution.region)
        default: return false
        }
    }

    /// The 403 for a case outside the account's jurisdiction.
    static func outside(_ account: AccountsState.Account, _ state: CaseState) -> Problem {
        .forbidden("jurisdiction", "case \(state.id) is of \(state.institution.name) (\(state.institution.region)), outside \(account.id)'s jurisdiction (\(account.jurisdiction))")
    }

    /// The 403 for an account whose role takes no action in the flows.
    static func readsOnly(_ account: AccountsState.Account) -> Problem {
        .forbidden("role", "\(account.id) is \(account.role == AccountRole.auditor ? "an auditor, who reads and writes nothing" : "an operator, who takes no action in the flows")")
    }
}
