#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Reads canonical JSON, and only canonical JSON, for a type that knows its own shape: the type
/// asks for each key in order, and anything else is refused — whitespace, keys out of order,
/// unknown or missing keys, escapes `CanonicalJSON` does not write, numbers with leading zeros.
///
/// A value read this way re-encodes to exactly the bytes it was read from, so checking an
/// event's canonical form needs no second encoding, and no intermediate tree is built.
public struct CanonicalReader {
    /// Where and why the bytes are not the canonical form expected.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var offset: Int
        public var reason: String
        public var description: String { "not canonical JSON at byte \(offset): \(reason)" }
    }

    private let bytes: [UInt8]
    private var index = 0
    /// How many objects and arrays are open (at most 64, and 32 around an object).
    private var depth = 0
    /// Bit `n` set: the open object or array at depth `n + 1` has had no member or item read yet.
    /// Bits rather than an array, so a reader allocates nothing.
    private var atFirst: UInt64 = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// A failure at the current position.
    public func failure(_ reason: String) -> Failure {
        Failure(offset: index, reason: reason)
    }

    /// Checks that every byte was read.
    public func finish() throws(Failure) {
        guard index == bytes.count, depth == 0 else { throw failure("trailing bytes") }
    }

    public mutating func beginObject() throws(Failure) {
        try expect(UInt8(ascii: "{"))
        try open()
        guard depth <= 32 else { throw failure("nested too deeply") }
    }

    public mutating func endObject() throws(Failure) {
        try expect(UInt8(ascii: "}"))
        depth -= 1
    }

    /// Reads the member key `name`, which must come next.
    public mutating func key(_ name: StaticString) throws(Failure) {
        try separator()
        guard let end = end(ofKey: name, at: index) else { throw failure("expected key \"\(name)\"") }
        index = end
    }

    /// Reads the member key `name` if it comes next and returns true; otherwise reads nothing
    /// and returns false. For members that tell one shape from another.
    public mutating func readKey(ifNext name: StaticString) -> Bool {
        guard depth > 0 else { return false }
        let first = atFirst & Self.bit(depth) != 0
        var start = index
        if !first {
            guard start < bytes.count, bytes[start] == UInt8(ascii: ",") else { return false }
            start += 1
        }
        guard let end = end(ofKey: name, at: start) else { return false }
        atFirst &= ~Self.bit(depth)
        index = end
        return true
    }

    /// Reads the next key of a map whose keys are data, or nil at the map's end; keys must
    /// ascend strictly after `previous`.
    public mutating func nextKey(after previous: String?) throws(Failure) -> String? {
        guard index < bytes.count else { throw failure("unexpected end") }
        if bytes[index] == UInt8(ascii: "}") { return nil }
        try separator()
        let key = try string()
        if let previous, !previous.utf8.lexicographicallyPrecedes(key.utf8) {
            throw failure("key \"\(key)\" is out of order or repeated")
        }
        try expect(UInt8(ascii: ":"))
        return key
    }

    /// Passes over the object that comes next without reading it: brackets are matched outside
    /// strings (whose escapes are honoured); its members' canonical form is not checked.
    public mutating func skipObject() throws(Failure) {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw failure("expected an object") }
        let end = bytes.withUnsafeBufferPointer { buffer -> Int? in
            var depth = 0
            var position = index
            while position < buffer.count {
                let byte = buffer[position]
                position += 1
                if byte == UInt8(ascii: "\"") {
                    // A string's bytes in a loop of their own: a quote ends it, a backslash
                    // escapes the byte after it.
                    while position < buffer.count, buffer[position] != UInt8(ascii: "\"") {
                        position += buffer[position] == UInt8(ascii: "\\") ? 2 : 1
                    }
                    position += 1
                } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { return position }
                }
            }
            return nil
        }
        guard let end else { throw failure("an object that never closes") }
        index = end
    }

    /// Passes over the object that comes next without reading any of it, to where the last
    /// `,"name":` in the bytes begins: for an object whose enclosing object ends with the member
    /// `name` and members read after it, such as an event's data before its kind. Only where the
    /// object starts and ends is checked. No `,"name":` inside the object can be taken for the
    /// last: a quote inside a string is escaped, so `,"` is never a string's content, and the
    /// members after `name` are read strictly by the caller.
    public mutating func skipObject(toLastKey name: StaticString) throws(Failure) {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw failure("expected an object") }
        // From the last place `,"name":` fits, back towards the object.
        var start = bytes.count - name.utf8CodeUnitCount - 4
        while start > index, !(bytes[start] == UInt8(ascii: ",") && end(ofKey: name, at: start + 1) != nil) {
            start -= 1
        }
        guard start > index, bytes[start - 1] == UInt8(ascii: "}") else { throw failure("an object that is not followed by \"\(name)\"") }
        index = start
    }

    public mutating func beginArray() throws(Failure) {
        try expect(UInt8(ascii: "["))
        try open()
    }

    /// Whether another item follows (consuming its separator), or false at the array's end
    /// (consuming the `]`).
    public mutating func nextItem() throws(Failure) -> Bool {
        guard index < bytes.count else { throw failure("unexpected end") }
        if bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return false
        }
        try separator()
        return true
    }

    public mutating func string() throws(Failure) -> String {
        try expect(UInt8(ascii: "\""))
        return try stringContent()
    }

    /// The rest of the string here when its bytes begin with `prefix` (read past), or nil
    /// (having read nothing) when they do not: the string's prefix is not made only to be cut off.
    public mutating func string(afterPrefix prefix: StaticString) throws(Failure) -> String? {
        guard has("\"", at: index), has(prefix, at: index + 1) else { return nil }
        index += 1 + prefix.utf8CodeUnitCount
        return try stringContent()
    }

    /// The string here, read past: `known` itself when the string is written as exactly its
    /// text, so nothing is made; otherwise the string as read. For a text the caller already
    /// holds, such as the subject a store indexes an event under.
    public mutating func string(sameAs known: String) throws(Failure) -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        let end = start + known.utf8.count
        // A text with a quote, a backslash or a control character is written escaped.
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\""),
              !known.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }),
              bytes.withUnsafeBytes({ known.utf8Equals(UnsafeRawBufferPointer(rebasing: $0[start..<end])) })
        else { return try stringContent() }
        index = end + 1
        return known
    }

    /// The string whose opening quote was just read, up to and past its closing one.
    private mutating func stringContent() throws(Failure) -> String {
        let start = index
        // One pass finds the closing quote and tells plain ASCII, the common case, made into a
        // string at once, from escapes and other UTF-8, checked further.
        var plain = true
        var ascii = true
        index = bytes.withUnsafeBufferPointer { buffer in
            var position = start
            while position < buffer.count {
                let byte = buffer[position]
                if byte == UInt8(ascii: "\"") || byte < 0x20 { return position }
                if byte == UInt8(ascii: "\\") {
                    plain = false
                    position += 2
                } else {
                    if byte >= 0x80 { ascii = false }
                    position += 1
                }
            }
            return buffer.count
        }
        guard index < bytes.count else { throw failure("unterminated string") }
        guard bytes[index] == UInt8(ascii: "\"") else { throw failure("unescaped control character") }
        let end = index
        index += 1
        guard plain else { return try unescape(start..<end) }
        if ascii { return bytes[start..<end].withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) } }
        guard let text = Self.validString(bytes[start..<end]) else { throw failure("invalid UTF-8") }
        return text
    }

    public mutating func integer() throws(Failure) -> Int64 {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digits = index
        var value: Int64 = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = times.addingReportingOverflow(Int64(bytes[index] - UInt8(ascii: "0")))
            guard !overflowA, !overflowB else { throw failure("integer out of range") }
            value = sum
            index += 1
        }
        guard index > digits else { throw failure("expected a whole number") }
        if bytes[digits] == UInt8(ascii: "0"), index - digits > 1 || digits > start {
            throw failure("a number with a leading zero or a negative zero")
        }
        return digits > start ? -value : value
    }

    /// The next byte, without reading it; nil at the end.
    public func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    public mutating func null() throws(Failure) {
        guard try literal("null") else { throw failure("expected null") }
    }

    public mutating func bool() throws(Failure) -> Bool {
        if try literal("true") { return true }
        if try literal("false") { return false }
        throw failure("expected true or false")
    }

    // MARK: - Bytes

    private static func bit(_ depth: Int) -> UInt64 { 1 << UInt64(depth - 1) }

    /// Where the member key `"name":` written at `start` ends, or nil when another key (or
    /// anything else) is written there.
    private func end(ofKey name: StaticString, at start: Int) -> Int? {
        let length = name.utf8CodeUnitCount
        guard has("\"", at: start), has(name, at: start + 1), has("\":", at: start + length + 1) else { return nil }
        return start + length + 3
    }

    /// Whether `text` is written at `position`.
    private func has(_ text: StaticString, at position: Int) -> Bool {
        let length = text.utf8CodeUnitCount
        guard position + length <= bytes.count else { return false }
        return length == 0 || bytes.withUnsafeBufferPointer { memcmp(text.utf8Start, $0.baseAddress! + position, length) } == 0
    }

    /// Enters an object or array whose bracket was just read.
    private mutating func open() throws(Failure) {
        guard depth < 64 else { throw failure("nested too deeply") }
        depth += 1
        atFirst |= Self.bit(depth)
    }

    private mutating func separator() throws(Failure) {
        guard depth > 0 else { throw failure("a member outside an object") }
        if atFirst & Self.bit(depth) != 0 {
            atFirst &= ~Self.bit(depth)
        } else {
            try expect(UInt8(ascii: ","))
        }
    }

    private mutating func expect(_ byte: UInt8) throws(Failure) {
        guard index < bytes.count, bytes[index] == byte else { throw failure("expected '\(Character(Unicode.Scalar(byte)))'") }
        index += 1
    }

    private mutating func literal(_ word: StaticString) throws(Failure) -> Bool {
        guard has(word, at: index) else { return false }
        index += word.utf8CodeUnitCount
        return true
    }

    /// The text of `utf8`, or nil if it is not valid UTF-8. (Decoding repairs invalid bytes, so
    /// a repaired result differs from its input.)
    private static func validString(_ utf8: ArraySlice<UInt8>) -> String? {
        utf8.withUnsafeBufferPointer { buffer in
            let text = String(decoding: buffer, as: UTF8.self)
            return text.utf8Equals(UnsafeRawBufferPointer(buffer)) ? text : nil
        }
    }

    /// Decodes the escapes `CanonicalJSON` writes: `\"`, `\\`, `\n`, `\r`, `\t` and `\u00XX`
    /// (lowercase hex) for the other control characters.
    private func unescape(_ range: Range<Int>) throws(Failure) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let byte = bytes[i]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                i += 1
                continue
            }
            guard i + 1 < range.upperBound else { throw Failure(offset: i, reason: "dangling escape") }
            switch bytes[i + 1] {
            case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "n"): output.append(UInt8(ascii: "\n"))
            case UInt8(ascii: "r"): output.append(UInt8(ascii: "\r"))
            case UInt8(ascii: "t"): output.append(UInt8(ascii: "\t"))
            case UInt8(ascii: "u"):
                guard i + 5 < range.upperBound, bytes[i + 2] == UInt8(ascii: "0"), bytes[i + 3] == UInt8(ascii: "0"),
                      let high = Self.hexDigit(bytes[i + 4]), let low = Self.hexDigit(bytes[i + 5])
                else { throw Failure(offset: i, reason: "only \\u00XX escapes of control characters are canonical") }
                let value = high << 4 | low
                guard value < 0x20, ![0x0A, 0x0D, 0x09].contains(value) else {
                    throw Failure(offset: i, reason: "\\u00XX escapes only control characters without a short escape")
                }
                output.append(value)
                i += 4
            default:
                throw Failure(offset: i, reason: "an escape canonical JSON does not use")
            }
            i += 2
        }
        guard let text = Self.validString(output[...]) else { throw Failure(offset: range.lowerBound, reason: "invalid UTF-8") }
        return text
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
