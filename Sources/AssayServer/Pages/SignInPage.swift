import Foundation
import Hummingbird

/// Signing in and out, and the reader's preferences (language, time zone). The sign-in form
/// carries a token of its own, set in a cookie as the form is shown, so a form posted from
/// another site cannot sign a reader into someone else's account.
extension Pages {
    static let signInCookie = "assay-sign-in"

    struct SignInView {
        var token: String
        var next: String
        var error: String?
    }

    func registerSignIn(on router: Routes) {
        router.get("sign-in") { request, _ in
            let reader = Reader(request)
            return signInPage(reader, next: Self.next(request.uri.queryParameters.get("next")), error: nil)
        }
        router.post("sign-in") { request, _ in
            let reader = Reader(request)
            let form = try await FormBody.read(request, limit: 64 * 1024)
            let next = Self.next(form["next"])
            guard let sent = form["_sign_in"], sent == RequestCookies.value(Self.signInCookie, in: request.headers) else {
                return signInPage(reader, next: next, error: reader.t("problem"), status: .forbidden)
            }
            switch try await api.startSession(form["account"] ?? "", password: form.fields.first { $0.name == "password" }?.value ?? "") {
            case .started: return Self.seeOther(next)
            case .throttled: return signInPage(reader, next: next, error: reader.t("tooMany"), status: .tooManyRequests)
            case .failed: return signInPage(reader, next: next, error: reader.t("signInFailed"), status: .unauthorized)
            }
        }
        router.post("sign-out") { request, _ in
            let reader = try signedIn(request)
            _ = try await form(request, reader: reader)
            if let (_, tokenHash) = SignedIn.current {
                try await api.credentials.endSession(tokenHash: tokenHash)
                SessionCookie.pending?.set(SessionCookie.expired(secure: api.secureCookies))
            }
            return Self.seeOther("/app/sign-in")
        }
        router.post("preferences") { request, _ in
            let reader = Reader(request)
            let form = try await FormBody.read(request, limit: 4096)
            // Preferences change nothing but the reader's own view; the form still proves it came from a page of ours.
            guard form["_csrf"] == reader.csrf || form["_sign_in"] == RequestCookies.value(Self.signInCookie, in: request.headers) else {
                throw PageInterruption.refused(.forbidden("csrf", "this form is stale or came from elsewhere; open the page again"))
            }
            let chosen = PagePreferences(language: form["language"] == "en" ? .en : .zh, zone: form["zone"] == "utc" ? .utc : .cst)
            var response = Self.seeOther(Self.next(form["next"]))
            response.headers[values: .setCookie].append(chosen.cookie(secure: api.secureCookies))
            return response
        }
    }

    private func signInPage(_ reader: Reader, next: String, error: String?, status: HTTPResponse.Status = .ok) -> Response {
        let token = SessionToken.make()
        var response = page("sign-in", title: reader.t("signIn"),
                            SignInView(token: token, next: next, error: error),
                            for: Reader(preferences: reader.preferences), status: status)
        response.headers[values: .setCookie].append("\(Self.signInCookie)=\(token); Path=/app; HttpOnly; SameSite=Strict\(api.secureCookies ? "; Secure" : "")")
        return response
    }

    /// Where to go after signing in: a page of ours, never another site.
    static func next(_ text: String?) -> String {
        guard let text, text.hasPrefix("/app") else { return "/app" }
        return text
    }
}
