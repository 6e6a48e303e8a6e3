import AssayHistory
import AssayWitness
import Foundation
import Hummingbird
import Logging

/// A witness over HTTP, as C2SP `tlog-witness` defines it: `POST /add-checkpoint` with the
/// request body, answered with the witness's cosignature line (200), the size it remembers
/// (409, `text/x.tlog.size`), or the status of the refusal with its reason; and, for monitors,
/// `GET /<SHA-256 of the origin, hex>/checkpoint`: the latest note it cosigned, with its line.
public struct WitnessServer: Sendable {
    public let witness: Witness

    /// The largest request accepted: 63 proof lines and a note with a few signatures fit in 16 KiB.
    static let maximumRequestBytes = 16 * 1024

    public init(witness: Witness) {
        self.witness = witness
    }

    /// The witness's routes.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        let witness = witness
        router.post("add-checkpoint") { request, context -> Response in
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: Self.maximumRequestBytes)
            } catch {
                return Self.text(.contentTooLarge, "a request is at most \(Self.maximumRequestBytes) bytes\n")
            }
            do {
                let parsed: AddCheckpointRequest
                do {
                    parsed = try AddCheckpointRequest(String(buffer: body))
                } catch {
                    return Self.text(.badRequest, WitnessError.malformed(String(describing: error)).description + "\n")
                }
                let cosignature = try witness.cosign(parsed)
                return Self.text(.ok, cosignature.noteLine ?? "")
            } catch let refusal as WitnessError {
                if case .wrongOldSize(_, let witnessSize) = refusal {
                    return Self.text(.conflict, "\(witnessSize)\n", contentType: "text/x.tlog.size")
                }
                return Self.text(HTTPResponse.Status(code: refusal.status), refusal.description + "\n")
            } catch {
                context.logger.error("the witness could not answer: \(error)")
                return Self.text(.internalServerError, "the witness could not answer; try again later\n")
            }
        }
        router.get("{originHash}/checkpoint") { _, context -> Response in
            guard let latest = try witness.latest(originHash: context.parameters.get("originHash") ?? "") else {
                return Self.text(.notFound, "this witness has cosigned no checkpoint of that log\n")
            }
            return Self.text(.ok, latest.cosignedNote)
        }
        return router
    }

    /// The application listening on `host`:`port`.
    public func application(host: String, port: Int, logger: Logger) -> some ApplicationProtocol {
        Application(router: router(), configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "assay-witness"),
                    logger: logger)
    }

    private static func text(_ status: HTTPResponse.Status, _ text: String, contentType: String = "text/plain; charset=utf-8") -> Response {
        Response(status: status, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
