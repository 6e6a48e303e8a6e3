import Accounts
import AssayCore
import Coordinators
import PluginCommandLine

/// The double-random draw over HTTP, over a directory snapshot in the log: a commission
/// announces it within its region and runs it once a signed checkpoint covers the
/// announcement; anyone signed in verifies it, the draw being public. The steps are the
/// library's (`Draws`), as `assay draw` takes them; their refusals are 422 in its words.
extension AssayAPI {
    func announceDraw(_ input: Operations.AnnounceDraw.Input) async throws -> Operations.AnnounceDraw.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard case .json(let request) = input.body else { return .badRequest(Problem.badRequest("send JSON").response) }
        guard let actor = account.actor, Self.commissionLevel(account) != nil, case .region(let region) = actor.jurisdiction else {
            return .forbidden(Problem.forbidden("role", "a commission announces a draw; \(account.id) is \(account.role)").response)
        }
        let own = Self.countyPrefix(of: region)
        let drawn = request.region ?? own
        guard drawn.hasPrefix(own) else {
            return .forbidden(Problem.forbidden("jurisdiction", "a draw over counties \(drawn)… reaches outside \(account.id)'s jurisdiction (\(account.jurisdiction)); draw within \(own)…").response)
        }
        do {
            let (hash, pool) = try await pool(request.directory)
            let announcement = try await Draws.announce(request.id, targets: request.targets, inspectors: request.inspectors ?? 2, region: drawn, pool: pool,
                                                        engine: engine, by: actor, at: clock())
            return .created(.init(body: .json(.init(id: request.id, targets: announcement.targets, inspectors: announcement.inspectors, region: drawn,
                                                    directory: hash, recusals: announcement.recusals))))
        } catch let refusal as CommandRefusal {
            return .unprocessableContent(Problem.refused(refusal.description).response)
        }
    }

    func runDraw(_ input: Operations.RunDraw.Input) async throws -> Operations.RunDraw.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard let actor = account.actor, Self.commissionLevel(account) != nil, case .region(let region) = actor.jurisdiction else {
            return .forbidden(Problem.forbidden("role", "a commission runs a draw; \(account.id) is \(account.role)").response)
        }
        let id = input.path.drawID
        do {
            let recorded = try await RecordedDraw(id, store: engine.store)
            if let announced = recorded.announcement, !announced.region.hasPrefix(Self.countyPrefix(of: region)) {
                return .forbidden(Problem.forbidden("jurisdiction", "draw \(id) is over counties \(announced.region)…, outside \(account.id)'s jurisdiction (\(account.jurisdiction))").response)
            }
            let result = try await Draws.run(id, recorded: recorded, pool: try await pool(input.query.directory).pool, engine: engine, by: actor, at: clock())
            return .created(.init(body: .json(.init(id: id, checkpoint: result.checkpoint, treeSize: result.treeSize, rootHash: result.rootHash, seed: result.seed,
                                                    inspections: result.inspections.map { .init(institution: $0.institution, inspectors: $0.inspectors) }))))
        } catch let refusal as CommandRefusal {
            return .unprocessableContent(Problem.refused(refusal.description).response)
        }
    }

    func verifyDraw(_ input: Operations.VerifyDraw.Input) async throws -> Operations.VerifyDraw.Output {
        guard SignedIn.current != nil else { return .unauthorized(Problem.unauthorized.response) }
        let id = input.path.drawID
        let pool: DrawPool, recorded: RecordedDraw
        do {
            recorded = try await RecordedDraw(id, store: engine.store)
            guard recorded.result != nil else {
                return .unprocessableContent(Problem.refused("draw \(id) has not been run").response)
            }
            pool = try await self.pool(input.query.directory).pool
        } catch let refusal as CommandRefusal {
            return .unprocessableContent(Problem.refused(refusal.description).response)
        }
        do {
            return .ok(.init(body: .json(.init(verified: true, detail: try await Draws.verify(id, recorded: recorded, pool: pool, store: engine.store)))))
        } catch let refusal as CommandRefusal {
            return .ok(.init(body: .json(.init(verified: false, detail: refusal.description))))
        }
    }

    /// The pool of the snapshot named by (a prefix of) `hash`, or of the latest; with its full hash.
    private func pool(_ hash: String?) async throws -> (hash: String, pool: DrawPool) {
        let snapshot = try await DirectorySnapshots.named(hash, in: engine)
        return (snapshot.hash, try DrawPool(snapshot.files, hash: snapshot.hash))
    }

    /// What the county codes of `region` start with: 2 digits for a province, 4 for a city.
    static func countyPrefix(of region: RegionCode) -> String {
        switch region.level {
        case .province: String(region.code.prefix(2))
        case .city: String(region.code.prefix(4))
        default: region.code
        }
    }
}
