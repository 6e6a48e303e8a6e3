import Accounts
import AssayCore
import AssayStore
import Foundation
import HummingbirdBcrypt
import OpenAPIRuntime

/// The operations of `openapi.yaml`, each a library call made as the signed-in account.
struct AssayAPI: APIProtocol {
    let engine: Engine
    let credentials: any CredentialStore
    let evidence: any EvidenceStore
    let policy: SessionPolicy
    let throttle: SignInThrottle
    /// The largest body an upload may have, in bytes.
    let maximumBody: Int
    /// Whether the session cookie is marked Secure (served over TLS, here or at a proxy).
    let secureCookies: Bool
    let clock: @Sendable () -> Date
    /// The document itself, served at /openapi.yaml.
    let document: String
    /// What an unknown account's password is checked against, at the cost real ones have, so
    /// a sign-in costs the same whether the account exists or not.
    let decoyHash: String

    // MARK: Health and the document

    func live(_ input: Operations.Live.Input) async throws -> Operations.Live.Output {
        .ok(.init(body: .json(.init(status: .live))))
    }

    func ready(_ input: Operations.Ready.Input) async throws -> Operations.Ready.Output {
        do {
            return .ok(.init(body: .json(.init(status: .ready, events: try await engine.store.logSize()))))
        } catch {
            return .serviceUnavailable(Problem(status: 503, type: "/problems/store", title: "The store does not answer", detail: "\(error)").response)
        }
    }

    func document(_ input: Operations.Document.Input) async throws -> Operations.Document.Output {
        .ok(.init(body: .yaml(HTTPBody(document))))
    }

    // MARK: Sessions

    func signIn(_ input: Operations.SignIn.Input) async throws -> Operations.SignIn.Output {
        guard case .json(let request) = input.body else { return .badRequest(Problem.badRequest("send JSON").response) }
        switch try await startSession(request.account, password: request.password) {
        case .throttled(let wait):
            return .tooManyRequests(.init(headers: .init(retryAfter: wait),
                                          body: .applicationProblemJson(Problem(status: 429, type: "/problems/too-many-sign-ins", title: "Too many failed sign-ins",
                                                                                detail: "too many failed sign-ins; try again in \(wait) s", retryAfter: wait).body)))
        case .failed:
            return .unauthorized(Problem(status: 401, type: "/problems/sign-in", title: "Sign-in failed", detail: "the account or the password is wrong").response)
        case .started(let token, let account, let expires):
            return .created(.init(body: .json(.init(token: token, csrfToken: SessionToken.csrf(token), account: Self.view(account), expiresAt: expires))))
        }
    }

    /// How a sign-in ended.
    enum SignInOutcome {
        case started(token: String, account: AccountsState.Account, expires: Date)
        /// Too many failures from the account or the address: try again in so many seconds.
        case throttled(Int)
        /// A wrong password, an unknown account or a disabled one: which, it does not say.
        case failed
    }

    /// Checks `password` for `accountID`, throttled by account and address, and starts a session
    /// (its cookie set on the response): what `POST /sessions` and the sign-in page both do.
    func startSession(_ accountID: String, password: String) async throws -> SignInOutcome {
        let now = Timestamp(clock())
        // Throttled by account and by the address it comes from (the proxy's, unless
        // `--behind-proxy` says to trust what it forwards).
        let keys: [SignInThrottle.Key] = [.account(accountID)] + (ClientAddress.current.map { [.address($0)] } ?? [])
        if let wait = await throttle.retryAfter(keys, now: now) { return .throttled(wait) }
        // One answer for a wrong password, an unknown account and a disabled one, and the same
        // bcrypt work for each, so the answer tells nothing about which.
        let hash = try await credentials.passwordHash(of: accountID)
        let matches = Bcrypt.verify(password, hash: hash ?? decoyHash)
        let account = try await engine.currentPluginStates().state(of: Accounts.self)?.accounts[accountID]
        guard matches, hash != nil, let account, account.enabled else {
            await throttle.failed(keys, at: now)
            return .failed
        }
        await throttle.succeeded(accountID)
        let token = SessionToken.make()
        try await credentials.startSession(tokenHash: SessionToken.hash(token), account: account.id, at: now)
        SessionCookie.pending?.set(SessionCookie.set(token, seconds: policy.absolute.milliseconds / 1000, secure: secureCookies))
        return .started(token: token, account: account, expires: clock().addingTimeInterval(Double(policy.absolute.milliseconds) / 1000))
    }

    func signOut(_ input: Operations.SignOut.Input) async throws -> Operations.SignOut.Output {
        guard let (_, tokenHash) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        try await credentials.endSession(tokenHash: tokenHash)
        SessionCookie.pending?.set(SessionCookie.expired(secure: secureCookies))
        return .noContent(.init())
    }

    func me(_ input: Operations.Me.Input) async throws -> Operations.Me.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        return .ok(.init(body: .json(Self.view(account))))
    }

    // MARK: Cases

    func listCases(_ input: Operations.ListCases.Input) async throws -> Operations.ListCases.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        let query = input.query
        var region: RegionCode?
        if let text = query.region {
            guard let code = RegionCode(text) else { return .badRequest(Problem.badRequest("'\(text)' is not a GB/T 2260 region code", field: "region").response) }
            region = code
        }
        let limit = query.limit ?? 100
        guard (1...500).contains(limit) else { return .badRequest(Problem.badRequest("limit is from 1 to 500", field: "limit").response) }
        let after = query.cursor.flatMap(CaseCursor.decode)
        if query.cursor != nil, after == nil { return .badRequest(Problem.badRequest("the cursor is not one this server gave", field: "cursor").response) }
        let now = Timestamp(clock())
        var found: [Components.Schemas.CaseSummary] = []
        var passedCursor = after == nil
        var next: String?
        for state in try await engine.cases() {
            if !passedCursor {
                passedCursor = state.id.value == after
                continue
            }
            guard Access.sees(account, state),
                  query.flow.map({ $0 == state.flowID }) ?? true,
                  query.stage.map({ $0 == state.stage }) ?? true,
                  region.map({ $0.contains(state.institution.region) }) ?? true else { continue }
            let deadline = try? engine.transition(for: state).deadline(of: state)
            if query.overdue == true, !(deadline.map { $0.due <= now } ?? false) { continue }
            if found.count == limit {
                next = CaseCursor.encode(found.last!.id)
                break
            }
            found.append(.init(id: state.id.value, flow: state.flowID, institution: CaseViews.institution(state), stage: state.stage,
                               version: state.version, deadline: deadline.map { CaseViews.deadline($0, now: now) }))
        }
        return .ok(.init(body: .json(.init(cases: found, next: next))))
    }

    func openCase(_ input: Operations.OpenCase.Input) async throws -> Operations.OpenCase.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard case .json(let request) = input.body else { return .badRequest(Problem.badRequest("send JSON").response) }
        guard let actor = account.actor else { return .forbidden(Access.readsOnly(account).response) }
        guard let institution = try await CaseViews.institution(request.institution, in: engine) else {
            return .unprocessableContent(Problem.refused("no institution \(request.institution) in the latest directory; import one with `assay directory import`").response)
        }
        do {
            let state = try await engine.open(CaseID(request.id), institution: institution, flow: request.flow, by: actor, at: clock())
            return .created(.init(body: .json(try await CaseViews.view(state, for: account, engine: engine, now: Timestamp(clock())))))
        } catch let refusal as TransitionError {
            let problem = Problem(refusal)
            switch problem.status {
            case 400: return .badRequest(problem.response)
            case 403: return .forbidden(problem.response)
            case 409: return .conflict(problem.response)
            default: return .unprocessableContent(problem.response)
            }
        }
    }

    func showCase(_ input: Operations.ShowCase.Input) async throws -> Operations.ShowCase.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        switch try await visibleCase(input.path.caseID, to: account) {
        case .failure(let problem): return .init(unseen: problem)
        case .success(let state): return .ok(.init(body: .json(try await CaseViews.view(state, for: account, engine: engine, now: Timestamp(clock())))))
        }
    }

    func takeAction(_ input: Operations.TakeAction.Input) async throws -> Operations.TakeAction.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard case .json(let request) = input.body else { return .badRequest(Problem.badRequest("send JSON").response) }
        switch try await visibleCase(input.path.caseID, to: account) {
        case .failure(let problem): return .init(unseen: problem)
        case .success: break
        }
        guard let actor = account.actor else { return .forbidden(Access.readsOnly(account).response) }
        do {
            let state = try await engine.take(input.path.action, on: CaseID(input.path.caseID), by: actor, inputs: request.inputs?.additionalProperties ?? [:],
                                              at: clock(), expectedVersion: request.expectedVersion)
            return .ok(.init(body: .json(try await CaseViews.view(state, for: account, engine: engine, now: Timestamp(clock())))))
        } catch let refusal as TransitionError {
            let problem = Problem(refusal)
            switch problem.status {
            case 400: return .badRequest(problem.response)
            case 403: return .forbidden(problem.response)
            case 404: return .notFound(problem.response)
            case 409: return .conflict(problem.response)
            default: return .unprocessableContent(problem.response)
            }
        }
    }

    func caseHistory(_ input: Operations.CaseHistory.Input) async throws -> Operations.CaseHistory.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        var until: Timestamp?
        if let text = input.query.at {
            do { until = try MomentReader().readAsOf(text) } catch { return .badRequest(Problem.badRequest("\(error)", field: "at").response) }
        }
        switch try await visibleCase(input.path.caseID, to: account) {
        case .failure(let problem): return .init(unseen: problem)
        case .success(let state):
            let events = try await engine.store.events(of: state.id).filter { event in until.map { event.at <= $0 } ?? true }
            return .ok(.init(body: .json(.init(_case: state.id.value, events: events.map { CaseViews.event($0, plugins: engine.plugins) }))))
        }
    }

    // MARK: The operator's tick

    func tick(_ input: Operations.Tick.Input) async throws -> Operations.Tick.Output {
        guard let (account, _) = SignedIn.current else { return .unauthorized(Problem.unauthorized.response) }
        guard account.role == AccountRole.operatorRole else {
            return .forbidden(Problem.forbidden("role", "only an operator runs the deadlines; \(account.id) is \(account.role)").response)
        }
        let events = try await engine.tick(now: clock())
        return .ok(.init(body: .json(.init(taken: events.map { "\($0.subject) \(CaseViews.summary($0, plugins: engine.plugins))" }))))
    }

    // MARK: Helpers

    /// The case `id` if the account may see it: 404 when there is none, 403 outside its jurisdiction.
    func visibleCase(_ id: String, to account: AccountsState.Account) async throws -> Result<CaseState, Problem> {
        let state: CaseState
        do { state = try await engine.state(of: CaseID(id)) } catch let refusal as TransitionError {
            return .failure(Problem(refusal))
        }
        guard Access.sees(account, state) else { return .failure(Access.outside(account, state)) }
        return .success(state)
    }

    static func view(_ account: AccountsState.Account) -> Components.Schemas.Account {
        .init(id: account.id, role: account.role, _for: account.jurisdiction)
    }
}
