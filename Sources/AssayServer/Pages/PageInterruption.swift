import Hummingbird

/// What stops a page's handler short: the reader must sign in first, or the request is refused
/// (a CSRF token missing, a case outside the account's jurisdiction, an operation's problem).
/// Handlers throw it; `Middleware` turns it into the page.
enum PageInterruption: Error {
    case signInFirst
    case refused(Problem)

    /// Answers an interrupted page request: the way to the sign-in page (and back), or the
    /// problem's page in the reader's language.
    struct Middleware: RouterMiddleware {
        let pages: Pages

        func handle(_ request: Request, context: AssayRequestContext, next: (Request, AssayRequestContext) async throws -> Response) async throws -> Response {
            do {
                return try await next(request, context)
            } catch PageInterruption.signInFirst {
                let back = request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/app"
                return Response.redirect(to: "/app/sign-in?next=\(back)", type: .found)
            } catch PageInterruption.refused(let problem) {
                return pages.problemPage(problem, for: Pages.Reader(request))
            }
        }
    }
}
