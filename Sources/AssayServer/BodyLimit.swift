import Hummingbird

/// Refuses a request whose body is larger than `bytes` before reading it: 413, as a problem.
/// A body sent without a length is cut off at the limit as it is read.
struct BodyLimit<Context: RequestContext>: RouterMiddleware {
    let bytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > bytes {
            return ProblemMiddleware<Context>.response(Problem(status: 413, type: "/problems/too-large", title: "Request too large",
                                                               detail: "the body is \(length) bytes; the server takes at most \(bytes)"))
        }
        var request = request
        let limit = bytes
        request.body = RequestBody(asyncSequence: request.body.limited(to: limit))
        return try await next(request, context)
    }
}

extension RequestBody {
    /// The body, failing with a 413 once more than `bytes` have been read.
    func limited(to bytes: Int) -> AsyncThrowingStream<ByteBuffer, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                var read = 0
                do {
                    for try await buffer in self {
                        read += buffer.readableBytes
                        if read > bytes { throw HTTPError(.contentTooLarge, message: "the body is larger than \(bytes) bytes") }
                        continuation.yield(buffer)
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
