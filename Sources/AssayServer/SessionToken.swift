import Crypto
import Foundation

/// A session's bearer token: 32 random bytes, base64url. The store keeps only its SHA-256.
enum SessionToken {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return base64url(bytes)
    }

    static func hash(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(token.utf8)))
    }

    /// The session's CSRF token: derived from the token, so it needs no storage, and known only
    /// to whoever was given the session (a page from this server, not another site's script,
    /// which cannot read the HttpOnly cookie).
    static func csrf(_ token: String) -> String {
        base64url(Array(SHA256.hash(data: Array("assay-csrf:\(token)".utf8))))
    }

    private static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
