import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// The session cookie the pages use: the session's token, `HttpOnly` (no script reads it),
/// `SameSite=Strict` (no other site's request carries it), `Secure` when served over TLS.
///
/// An operation sets it through `SessionCookie.pending`, and `SessionCookie.Middleware` writes
/// the header as it is: the document's generated types would percent-encode its `=` and `;`.
enum SessionCookie {
    static let name = "assay-session"

    /// The `Set-Cookie` value that starts a session lasting at most `seconds`.
    static func set(_ token: String, seconds: Int64, secure: Bool) -> String {
        "\(name)=\(token); Path=/; Max-Age=\(seconds); HttpOnly; SameSite=Strict\(secure ? "; Secure" : "")"
    }

    /// The `Set-Cookie` value that ends it.
    static func expired(secure: Bool) -> String {
        "\(name)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict\(secure ? "; Secure" : "")"
    }

    /// The session token a request's `Cookie` headers carry, if any.
    static func token(in fields: HTTPFields) -> String? {
        RequestCookies.value(name, in: fields)
    }

    /// The `Set-Cookie` value the operation answering this request chose, if any.
    @TaskLocal static var pending: Pending?

    final class Pending: Sendable {
        private let value = Mutex<String?>(nil)
        func set(_ cookie: String) { value.withLock { $0 = cookie } }
        var cookie: String? { value.withLock { $0 } }
    }

    /// Writes the cookie an operation set into its response.
    struct Middleware<Context: RequestContext>: RouterMiddleware {
        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            let pending = Pending()
            var response = try await SessionCookie.$pending.withValue(pending) { try await next(request, context) }
            if let cookie = pending.cookie { response.headers[.setCookie] = cookie }
            return response
        }
    }
}
