import Accounts
import AssayCore
import Coordinators

/// Whom an account oversees among institutions and experts (integrity records, registration,
/// guidance visits): the same reach as `Access` gives over cases, by the latest directory.
extension AssayAPI {
    /// Whether an account oversees an institution or an expert.
    enum Oversight { case inside, outside, unknown }

    /// An auditor and the operator oversee everyone; an institution itself; an expert itself; a
    /// commission the institutions and experts whose county (in the latest directory) is in its region.
    func oversight(of subject: Subject, by account: AccountsState.Account) async throws -> Oversight {
        if AccountRole.serverRoles.contains(account.role) { return .inside }
        switch AccountRole.jurisdiction(account.jurisdiction) {
        case .institution(let id)?: return subject == Subject(kind: "institution", id: id) ? .inside : .outside
        case .region(let region)? where Self.commissionLevel(account) != nil: return try await within(region, subject)
        default: return subject == Subject(kind: "expert", id: account.id) ? .inside : .outside
        }
    }

    /// Whether `subject`'s county, in the latest directory, is inside `region`.
    func within(_ region: RegionCode, _ subject: Subject) async throws -> Oversight {
        guard let directory = try await DirectorySnapshots.latest(in: engine)?.directory else { return .unknown }
        let county = subject.kind == "institution" ? directory.institutions.first { $0.id == Self.identifier(subject) }?.county
                                                   : directory.experts.first { $0.id == Self.identifier(subject) }?.homeCounty
        guard let county, let code = RegionCode(county) else { return .unknown }
        return region.contains(code) ? .inside : .outside
    }

    /// The problem when `oversight` is not `.inside`: 403 outside the account's jurisdiction,
    /// 422 when the latest directory does not know the subject; nil inside.
    static func problem(_ oversight: Oversight, of subject: Subject, by account: AccountsState.Account) -> Problem? {
        switch oversight {
        case .inside: nil
        case .outside: .forbidden("jurisdiction", "\(subject) is outside \(account.id)'s jurisdiction (\(account.jurisdiction))")
        case .unknown: .refused("\(subject) is not in the latest directory; import one with `assay directory import`")
        }
    }
}
