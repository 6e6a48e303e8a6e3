import Accounts
import AssayCore
import Coordinators

/// The directory over HTTP: a commission records a snapshot of the regions, institutions,
/// experts, groups and conflicts, as `assay directory import` does. The latest snapshot
/// decides whom each commission oversees, so a commission changes only its own region's part
/// of it: what lies outside stays as the latest snapshot has it.
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
        let latest = try await DirectorySnapshots.latest(in: engine)?.directory
        if let reach = Self.reach(of: directory, over: latest, within: region) {
            return .forbidden(Problem.forbidden("jurisdiction", "the directory \(reach), outside \(account.id)'s jurisdiction (\(account.jurisdiction)); nothing was imported").response)
        }
        let hash = try await engine.storeDataFile(try Directory.snapshot(of: files, named: request.name ?? "directory"), by: actor, at: clock())
        return .created(.init(body: .json(.init(hash: hash.hex, regions: directory.regions.count, institutions: directory.institutions.count,
                                                experts: directory.experts.count, groups: directory.groups.count, conflicts: directory.conflicts.count))))
    }

    /// What `new` changes outside `region` against the `latest` snapshot, in words, or nil: an
    /// institution or expert added or moved to a county outside it, or one outside it dropped.
    static func reach(of new: Directory, over latest: Directory?, within region: RegionCode) -> String? {
        func outside(_ county: String) -> Bool { RegionCode(county).map { !region.contains($0) } ?? true }
        let before = Dictionary((latest?.institutions ?? []).map { ($0.id, $0.county) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.institutions.map { ($0.id, $0.county) }, uniquingKeysWith: { first, _ in first })
        if let moved = new.institutions.first(where: { before[$0.id] != $0.county && outside($0.county) }) {
            return "puts institution \(moved.id) in county \(moved.county)"
        }
        if let dropped = (latest?.institutions ?? []).first(where: { outside($0.county) && after[$0.id] != $0.county }) {
            return "leaves out institution \(dropped.id) of county \(dropped.county)"
        }
        let homes = Dictionary((latest?.experts ?? []).map { ($0.id, $0.homeCounty) }, uniquingKeysWith: { first, _ in first })
        let newHomes = Dictionary(new.experts.map { ($0.id, $0.homeCounty) }, uniquingKeysWith: { first, _ in first })
        if let moved = new.experts.first(where: { homes[$0.id] != $0.homeCounty && outside($0.homeCounty) }) {
            return "puts expert \(moved.id) in county \(moved.homeCounty)"
        }
        if let dropped = (latest?.experts ?? []).first(where: { outside($0.homeCounty) && newHomes[$0.id] != $0.homeCounty }) {
            return "leaves out expert \(dropped.id) of county \(dropped.homeCounty)"
        }
        return nil
    }
}
