#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

extension String {
    /// Whether the string's UTF-8 is exactly `bytes`, compared in place: for telling whether
    /// bytes read from a buffer spell a string already held, without making another.
    public func utf8Equals(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var text = self
        return text.withUTF8 { $0.count == bytes.count && (bytes.isEmpty || memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0) }
    }
}
