/// One event as the log holds it: its position in the global log, its canonical bytes and the
/// RFC 6962 leaf hash of those bytes.
///
/// Stores hand back what they hold, so a tampered entry shows as a hash that does not match its
/// body, or a body that is not the canonical form of the event it decodes to.
public struct LogEntry: Sendable, Equatable {
    /// 1 for the first event ever appended, then each next one; no gaps.
    public var position: Int
    /// The subject and sequence the store indexes the event under (kept beside the body, so
    /// verification checks that they agree with it).
    public var subject: Subject
    public var sequence: Int
    /// The event's canonical JSON.
    public var body: [UInt8]
    /// The leaf hash recorded when the event was appended.
    public var hash: LogHash

    public init(position: Int, subject: Subject, sequence: Int, body: [UInt8], hash: LogHash) {
        self.position = position
        self.subject = subject
        self.sequence = sequence
        self.body = body
        self.hash = hash
    }

    /// The entry for `event` at `position`: its canonical bytes and their leaf hash.
    public init(position: Int, event: Event) {
        let body = event.canonicalBytes
        self.init(position: position, subject: event.subject, sequence: event.sequence, body: body, hash: .leaf(body))
    }

    /// The entries for `events` appended to a log of `logSize` entries.
    public static func entries(for events: [Event], after logSize: Int) -> [LogEntry] {
        events.enumerated().map { LogEntry(position: logSize + $0.offset + 1, event: $0.element) }
    }

    /// The event the body holds, which must be in canonical form.
    public func event() throws(CanonicalReader.Failure) -> Event {
        try Event(canonical: body, indexedAs: subject)
    }

    /// Whether the body may hold a plugin's record, read from its bytes without parsing: in
    /// canonical form the event's own `"kind":"…"` is the last such run of bytes (only the
    /// sequence number and the subject, a string whose quotes are escaped, follow it). False
    /// means certainly not a record; true is confirmed by parsing.
    public var mayHoldRecord: Bool {
        let marker = Array(#""kind":""#.utf8)
        let record = Array(#"record""#.utf8)
        return body.withUnsafeBufferPointer { bytes in
            var start = bytes.count - marker.count
            while start >= 0 {
                if bytes[start] == UInt8(ascii: "\""), bytes[start + 1] == UInt8(ascii: "k"), bytes[start..<start + marker.count].elementsEqual(marker) {
                    let value = start + marker.count
                    return value + record.count <= bytes.count && bytes[value..<value + record.count].elementsEqual(record)
                }
                start -= 1
            }
            return false
        }
    }
}
