import AssayHistory
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Asks a witness over HTTP to cosign, as C2SP `tlog-witness` describes: a POST of the
/// add-checkpoint body to `<submission prefix>/add-checkpoint`.
public struct WitnessClient: Sendable {
    /// The witness's submission prefix, such as `https://witness.henan.example/`.
    public let prefix: URL

    public init(prefix: URL) {
        self.prefix = prefix
    }

    /// What a witness answered.
    public enum Answer: Sendable, Equatable {
        /// 200: the witness's cosignature lines.
        case cosigned(String)
        /// 409: the witness last cosigned this size of the log; ask again from there.
        case conflict(witnessSize: Int)
        /// Any other status, with the body the witness sent.
        case refused(status: Int, String)
    }

    /// Sends `request` and reads the answer.
    public func send(_ request: AddCheckpointRequest) async throws -> Answer {
        var post = URLRequest(url: prefix.appendingPathComponent("add-checkpoint"))
        post.httpMethod = "POST"
        post.httpBody = Data(request.text.utf8)
        post.timeoutInterval = 30
        let (data, response) = try await URLSession.shared.data(for: post)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let body = String(decoding: data, as: UTF8.self)
        switch status {
        case 200:
            return .cosigned(body)
        case 409:
            let size = body.hasSuffix("\n") ? Int(body.dropLast()) : nil
            guard let size, size >= 0 else { return .refused(status: status, body) }
            return .conflict(witnessSize: size)
        default:
            return .refused(status: status, body)
        }
    }
}
