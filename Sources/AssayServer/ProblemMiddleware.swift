import AssayCore
import Foundation
import Hummingbird
import OpenAPIRuntime

/// What the document's types refuse before an operation runs (a malformed body, a missing
/// parameter) is a 400 problem naming it, never a 5xx; an unknown route a 404 problem; a
/// store that another writer beat is a 409, a store that failed a 503.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServerError {
            if let tooLarge = error.underlyingError as? HTTPError, tooLarge.status == .contentTooLarge {
                return Self.response(Problem(status: 413, type: "/problems/too-large", title: "Request too large", detail: tooLarge.body ?? "the body is too large"))
            }
            // The store's refusals are not the request's fault: another writer won (409, try
            // again), or the store failed (503); nothing was written either way.
            if case .versionConflict? = error.underlyingError as? StoreError {
                return Self.response(Problem(status: 409, type: "/problems/conflict", title: "Written meanwhile", detail: "\(error.underlyingError)"))
            }
            if let failure = error.underlyingError as? StoreError {
                return Self.response(Problem(status: 503, type: "/problems/store", title: "The store failed", detail: failure.description))
            }
            return Self.response(Problem.badRequest("\(error.causeDescription): \(error.underlyingError)"))
        } catch let error as HTTPError where error.status == .notFound {
            return Self.response(Problem.notFound("no operation at \(request.method) \(request.uri.path); see /openapi.yaml"))
        }
    }

    static func response(_ problem: Problem) -> Response {
        let body = (try? JSONEncoder().encode(ProblemJSON(problem))) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        return Response(status: .init(code: problem.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The problem's JSON, as the document's schema spells it.
    private struct ProblemJSON: Encodable {
        var type: String, title: String, status: Int, detail: String, field: String?
        init(_ problem: Problem) {
            (type, title, status, detail, field) = (problem.type, problem.title, problem.status, problem.detail, problem.field)
        }
    }
}
