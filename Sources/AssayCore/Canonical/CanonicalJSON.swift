/// Encodes values as canonical JSON: the one byte sequence that hashes identically everywhere.
///
/// Object keys are sorted by their UTF-8 bytes, there is no whitespace, strings keep their exact
/// characters (only `"`, `\` and control characters are escaped), integers print in decimal, and
/// `nil` optionals are left out. Floating-point numbers are refused: their text form is not
/// portable, so hashed types use integers (such as milliseconds) instead.
public enum CanonicalJSON {
    /// The canonical bytes of `value`.
    public static func encode<T: Encodable>(_ value: T) throws(CanonicalEncodingError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        try tree(of: value).resolve().write(to: &output)
        return output
    }

    /// The tree `value` encodes to, before it is resolved to a value and written.
    static func tree<T: Encodable>(of value: T) throws(CanonicalEncodingError) -> ValueEncoder.Storage {
        let encoder = ValueEncoder()
        do {
            try value.encode(to: encoder)
        } catch let error as CanonicalEncodingError {
            throw error
        } catch {
            throw CanonicalEncodingError(path: "", reason: "\(error)")
        }
        return encoder.storage
    }
}

/// A value that cannot be encoded canonically, such as a floating-point number.
public struct CanonicalEncodingError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String {
        "cannot encode \(path.isEmpty ? "the value" : path) canonically: \(reason)"
    }
}
