/// A problem in a data file that decoding cannot see, such as a threshold out of range or two
/// items of one id: where it is (mapping keys and sequence indexes) and what is wrong.
public struct DataFileProblem: Sendable, Equatable {
    /// Mapping keys and sequence indexes (as digits) leading to the value.
    public var path: [String]
    public var message: String

    public init(at path: [String], _ message: String) {
        self.path = path
        self.message = message
    }
}

/// A data file's content that checks itself once decoded, so a plugin's data files are refused
/// with every problem at its line and column.
public protocol CheckedDataFile: Codable, SendableMetatype {
    /// Every problem in the content; empty when it is usable.
    var problems: [DataFileProblem] { get }
}
