import Foundation
import OpenAPIRuntime

/// The body of a long read as JSON Lines: `{"type":"progress","done":N,"of":M}` as the work
/// reports it, then the work's report as the last line, or `{"type":"error","detail":…}` if it
/// failed after the response began. The work stops when the client goes away.
enum ProgressLines {
    static func body<Report: Encodable & Sendable>(_ work: @escaping @Sendable (_ progress: @escaping @Sendable (Int, Int) -> Void) async throws -> Report) -> HTTPBody {
        let (lines, continuation) = AsyncStream<ArraySlice<UInt8>>.makeStream()
        let task = Task {
            do {
                let report = try await work { done, total in continuation.yield(line(Progress(done: done, of: total))) }
                continuation.yield(line(report))
            } catch {
                continuation.yield(line(Failure(detail: "\(error)")))
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return HTTPBody(lines, length: .unknown, iterationBehavior: .single)
    }

    struct Progress: Encodable {
        var type = "progress"
        var done: Int
        var of: Int
    }

    struct Failure: Encodable {
        var type = "error"
        var detail: String
    }

    private static func line(_ value: some Encodable) -> ArraySlice<UInt8> {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bytes = (try? encoder.encode(value)) ?? Data(#"{"type":"error","detail":"the line could not be encoded"}"#.utf8)
        return ArraySlice(bytes + [UInt8(ascii: "\n")])
    }
}
