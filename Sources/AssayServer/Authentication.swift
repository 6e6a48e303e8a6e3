import Accounts
import AssayCore
import AssayStore
import Foundation
import Hummingbird

/// Finds the account a request acts as from its session: a bearer token (scripts) or the
/// session cookie (pages), a session the store holds, within its idle and absolute limits, of
/// an account the log says is enabled. A change made with the cookie must carry the session's
/// CSRF token in `X-CSRF-Token` (403 otherwise); the pages under `/app/` check their forms'
/// own token (`Pages.form`). The operations read the account from
/// `SignedIn.current`; a request without a session reaches them as anonymous.
struct Authentication<Context: RequestContext>: RouterMiddleware {
    let engine: Engine
    let credentials: any CredentialStore
    let policy: SessionPolicy
    let clock: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let bearer = request.headers[.authorization].flatMap { header in
            header.lowercased().hasPrefix("bearer ") ? String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces) : nil
        }
        let cookie = bearer == nil ? SessionCookie.token(in: request.headers) : nil
        guard let token = bearer ?? cookie else { return try await next(request, context) }
        let tokenHash = SessionToken.hash(token)
        let now = Timestamp(clock())
        guard let session = try await credentials.session(tokenHash: tokenHash) else { return try await next(request, context) }
        guard policy.holds(created: session.created, lastUsed: session.lastUsed, now: now) else {
            try await credentials.endSession(tokenHash: tokenHash)
            return try await next(request, context)
        }
        let accounts = try await engine.currentPluginStates().state(of: Accounts.self)
        guard let account = accounts?.accounts[session.account], account.enabled else {
            try await credentials.endSession(tokenHash: tokenHash)
            return try await next(request, context)
        }
        if cookie != nil, Self.changes(request), !request.uri.path.hasPrefix("/app/"), request.headers[.xCSRFToken] != SessionToken.csrf(token) {
            return ProblemMiddleware<Context>.response(Problem.forbidden("csrf", "a change made with the session cookie needs the session's csrfToken in an X-CSRF-Token header"))
        }
        // The last use is written at most once a minute: the idle limit holds to the minute,
        // and a burst of reads writes nothing.
        if now.milliseconds - session.lastUsed.milliseconds >= Self.touchEvery.milliseconds {
            try await credentials.touchSession(tokenHash: tokenHash, at: now)
        }
        return try await SignedIn.$current.withValue((account, tokenHash)) {
            try await next(request, context)
        }
    }

    static var touchEvery: Duration { .seconds(60) }

    /// Whether the request may change something: any method but GET, HEAD and OPTIONS, except
    /// signing in, which starts a session of its own whatever cookie comes with it.
    static func changes(_ request: Request) -> Bool {
        ![.get, .head, .options].contains(request.method) && !(request.method == .post && request.uri.path == "/sessions")
    }
}
