import Accounts
import AssayCore
import AssayStore
import Foundation
import Hummingbird

/// Finds the account a request acts as from its bearer token: a session the store holds,
/// within its idle and absolute limits, of an account the log says is enabled. The operations
/// read it from `SignedIn.current`; a request without one reaches them as anonymous.
struct Authentication<Context: RequestContext>: RouterMiddleware {
    let engine: Engine
    let credentials: any CredentialStore
    let policy: SessionPolicy
    let clock: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            return try await next(request, context)
        }
        let tokenHash = SessionToken.hash(String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces))
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
        try await credentials.touchSession(tokenHash: tokenHash, at: now)
        return try await SignedIn.$current.withValue((account, tokenHash)) {
            try await next(request, context)
        }
    }
}
