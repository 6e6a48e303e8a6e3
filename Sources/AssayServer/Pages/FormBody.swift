import Foundation
import Hummingbird

/// A form's fields (`application/x-www-form-urlencoded`), in order; a name may repeat.
struct FormBody: Sendable {
    var fields: [(name: String, value: String)]

    init(_ text: String) {
        fields = text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map { part in
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
            }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }

    /// The body of `request`, up to `limit` bytes.
    static func read(_ request: Request, limit: Int) async throws -> FormBody {
        let buffer = try await request.body.collect(upTo: limit)
        return FormBody(String(buffer: buffer))
    }

    /// The first value named `name`, trimmed; nil when missing or empty.
    subscript(_ name: String) -> String? {
        let value = fields.first { $0.name == name }?.value.trimmingCharacters(in: .whitespacesAndNewlines)
        return value?.isEmpty == false ? value : nil
    }

    /// Every non-empty value named `name`.
    func all(_ name: String) -> [String] {
        fields.filter { $0.name == name && !$0.value.isEmpty }.map(\.value)
    }
}
