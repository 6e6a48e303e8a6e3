/// The log read in position order through a cursor a store keeps open on its server: each
/// `next` goes on where the last stopped, so the server neither finds its place again nor
/// holds more than a batch for the reader. `LogReader` reads through one when the store has it.
public protocol LogCursor: AnyObject, Sendable {
    /// Up to `count` further entries, in position order; none once the cursor has read to its end.
    func next(_ count: Int) async throws -> [LogEntry]

    /// Ends the cursor and lets its connection go; a cursor let go unclosed is closed then.
    func close() async
}
