import Foundation

/// A moment, in whole milliseconds since 1970-01-01T00:00:00Z.
///
/// Events record time as an integer so their canonical form, and so their hash, is exact.
public struct Timestamp: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// `date`, truncated to the millisecond.
    public init(_ date: Date) {
        milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    public var date: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.milliseconds < rhs.milliseconds }

    /// The moment `rhs` after `lhs`; the latest representable moment if that is later still,
    /// so a recorded time near the limit can never overflow a deadline.
    public static func + (lhs: Timestamp, rhs: DeadlineDuration) -> Timestamp {
        let (sum, overflow) = lhs.milliseconds.addingReportingOverflow(rhs.milliseconds)
        return Timestamp(milliseconds: overflow ? (rhs.milliseconds < 0 ? .min : .max) : sum)
    }

    /// ISO 8601 in UTC, such as `2022-03-01T08:00:00Z`.
    public var description: String {
        date.formatted(.iso8601)
    }

    public init(from decoder: any Decoder) throws {
        milliseconds = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(milliseconds)
    }
}
