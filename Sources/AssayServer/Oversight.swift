import Accounts
import AssayCore
import Coordinators

/// Whom an account oversees among institutions and experts (integrity records, registration):
/// the same reach as `Access` gives over cases, by the latest directory.
extension AssayAPI {
    /// Whether an account oversees an institution or an expert.
    enum Oversight { case inside, outside, unknown }

    /// An auditor and the operator oversee everyone; an institution itself; an expert itself; a
    /// commission the institutions and experts whose county (in the latest directory) is in its region.
    func oversight(of subject: Subject, by account: AccountsState.Account) async throws -> Oversight {
        if AccountRole.serverRoles.contains(account.role) { return .inside }
        switch AccountRole.jurisdiction(account.jurisdiction) {
        case .institution(let id)?: return subject == Subject(kind: "institution", id: id) ? .inside : .outside
        case .region(let region)? where Self.commissionLevel(account) != nil:
            guard let directory = try await DirectorySnapshots.latest(in: engine.store)?.directory else { return .unknown }
            let county = subject.kind == "institution" ? directory.institutions.first { $0.id == Self.identifier(subject) }?.county
                                                       : directory.experts.first { $0.id == Self.identifier(subject) }?.homeCounty
            guard let county, let code = RegionCode(county) else { return .unknown }
            return region.contains(code) ? .inside : .outside
        default: return subject == Subject(kind: "expert", id: account.id) ? .inside : .outside
        }
    }
}
