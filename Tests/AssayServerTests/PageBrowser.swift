import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A browser for the page tests: it keeps the cookies responses set, sends forms, signs in
/// through the sign-in page, and reads the CSRF token a page carries.
struct PageBrowser {
    var cookies: [String: String] = [:]

    var headers: HTTPFields {
        var fields: HTTPFields = [:]
        if !cookies.isEmpty { fields[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        return fields
    }

    /// Keeps the cookies a response sets.
    mutating func keep(_ response: TestResponse) {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            cookies[pair[0]] = pair.count > 1 ? pair[1] : ""
        }
    }

    mutating func get(_ uri: String, _ client: any TestClientProtocol) async throws -> (status: Int, text: String, response: TestResponse) {
        let response = try await client.execute(uri: uri, method: .get, headers: headers, body: nil)
        keep(response)
        return (Int(response.status.code), String(buffer: response.body), response)
    }

    mutating func post(_ uri: String, _ form: [(String, String)], _ client: any TestClientProtocol) async throws -> (status: Int, text: String, response: TestResponse) {
        var fields = headers
        fields[.contentType] = "application/x-www-form-urlencoded"
        let body = form.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
        let response = try await client.execute(uri: uri, method: .post, headers: fields, body: ByteBuffer(string: body))
        keep(response)
        return (Int(response.status.code), String(buffer: response.body), response)
    }

    /// Signs in through the sign-in page.
    mutating func signIn(_ account: String, _ client: any TestClientProtocol) async throws {
        _ = try await get("/app/sign-in", client)
        let token = try #require(cookies["assay-sign-in"])
        let done = try await post("/app/sign-in", [("_sign_in", token), ("account", account), ("password", "password-of-\(account)")], client)
        #expect(done.status == 303 && done.response.headers[.location] == "/app", "\(done.text)")
    }

    /// The CSRF token the last page carried.
    static func csrf(in page: String) throws -> String {
        let marker = #"name="_csrf" value=""#
        let start = try #require(page.range(of: marker)).upperBound
        return String(page[start...].prefix { $0 != "\"" })
    }
}
