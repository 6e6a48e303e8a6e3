import Accounts
import AssayCore
import Coordinators

/// The directory over HTTP: a commission records a snapshot of the regions, institutions,
/// experts, groups and conflicts of its own region, as `assay directory import` does. The
/// latest snapshot decides whom each commission oversees, so none may import one that lists
/// an institution outside its region.
extension AssayAPI {
    func importDirectory(_ input: Operations.ImportDirectory.Input) async throws -> Operations.ImportDirectory.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard case .json(let request) = input.body else { return .badRequest(Problem.badRequest("send JSON").response) }
        guard let actor = account.actor, Self.commissionLevel(account) != nil, case .region(let region) = actor.jurisdiction else {
            return .forbidden(Problem.forbidden("role", "a commission imports the directory; \(account.id) is \(account.role)").response)
        }
        let files = Directory.Files(regions: request.regions, institutions: request.institutions, experts: request.experts,
                                    groups: request.groups, conflicts: request.conflicts)
        let (read, problems) = Directory.read(files)
        guard let directory = read else {
            let listed = problems.prefix(50).map(\.description) + (problems.count > 50 ? ["and \(problems.count - 50) more"] : [])
            return .badRequest(Problem.badRequest("nothing was imported; \(counted(problems.count, "problem")): " + listed.joined(separator: "; ")).response)
        }
        // Experts may come from anywhere (a province's experts review in its cities); every
        // institution is the commission's own.
        if let outside = directory.institutions.first(where: { RegionCode($0.county).map { !region.contains($0) } ?? true }) {
            return .forbidden(Problem.forbidden("jurisdiction", "the directory lists institution \(outside.id) of county \(outside.county), outside \(account.id)'s jurisdiction (\(account.jurisdiction)); nothing was imported").response)
        }
        let hash = try await engine.storeDataFile(try Directory.snapshot(of: files, named: request.name ?? "directory"), by: actor, at: clock())
        return .created(.init(body: .json(.init(hash: hash.hex, regions: directory.regions.count, institutions: directory.institutions.count,
                                                experts: directory.experts.count, groups: directory.groups.count, conflicts: directory.conflicts.count))))
    }
}
