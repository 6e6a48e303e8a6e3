import Foundation
import HTTPTypes
import Hummingbird

/// The address a request comes from: the peer's, or, behind a proxy the operator trusts
/// (`assay serve --behind-proxy`), the last address the proxy added to `X-Forwarded-For`
/// (nginx's `$proxy_add_x_forwarded_for` appends the address it saw). The operations read it
/// from `ClientAddress.current`.
enum ClientAddress {
    @TaskLocal static var current: String?

    struct Middleware<Context: RemoteAddressRequestContext>: RouterMiddleware {
        let trustsForwardedFor: Bool

        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            var address = context.remoteAddress?.ipAddress
            if trustsForwardedFor, let forwarded = request.headers[values: .xForwardedFor].last?.split(separator: ",").last {
                address = forwarded.trimmingCharacters(in: .whitespaces)
            }
            return try await ClientAddress.$current.withValue(address) {
                try await next(request, context)
            }
        }
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
    static let xCSRFToken = Self("X-CSRF-Token")!
}
