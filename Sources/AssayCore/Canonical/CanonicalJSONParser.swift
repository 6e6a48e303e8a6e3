#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Parses canonical JSON, and only canonical JSON: no whitespace, object keys in strictly
/// ascending byte order, only the escapes `CanonicalJSON` writes, integers without leading zeros.
///
/// A body that parses here and maps onto a type without unknown keys re-encodes to the same
/// bytes, so checking an event's canonical form needs no second encoding.
public struct CanonicalJSONParser {
    /// A parsed value. Objects keep their members in order (they are sorted and small).
    public enum Value: Equatable {
        case null
        case bool(Bool)
        case integer(Int64)
        case string(String)
        case array([Value])
        case object([Member])

        public static func == (lhs: Value, rhs: Value) -> Bool {
            switch (lhs, rhs) {
            case (.null, .null): true
            case (.bool(let a), .bool(let b)): a == b
            case (.integer(let a), .integer(let b)): a == b
            case (.string(let a), .string(let b)): a == b
            case (.array(let a), .array(let b)): a == b
            case (.object(let a), .object(let b)): a == b
            default: false
            }
        }
    }

    /// One member of an object. (A struct, not a tuple: arrays of tuples need their type's
    /// metadata built at run time, which a parser of millions of events cannot afford.)
    public struct Member: Equatable {
        public var key: String
        public var value: Value
    }

    /// Where and why the bytes are not canonical JSON.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var offset: Int
        public var reason: String
        public var description: String { "not canonical JSON at byte \(offset): \(reason)" }
    }

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    /// Parses `bytes` as one canonical JSON value.
    public static func parse(_ bytes: [UInt8]) throws(Failure) -> Value {
        var parser = CanonicalJSONParser(bytes: bytes)
        let value = try parser.value()
        guard parser.index == bytes.count else { throw parser.failure("trailing bytes") }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private func failure(_ reason: String) -> Failure {
        Failure(offset: index, reason: reason)
    }

    private mutating func value() throws(Failure) -> Value {
        guard index < bytes.count else { throw failure("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .integer(try integer())
        }
    }

    private mutating func nest() throws(Failure) {
        depth += 1
        guard depth <= 64 else { throw failure("nested too deeply") }
    }

    private mutating func object() throws(Failure) -> Value {
        try nest()
        defer { depth -= 1 }
        index += 1
        var members: [Member] = []
        var previousKey: String?
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let key = try string()
            if let previousKey, !previousKey.utf8.lexicographicallyPrecedes(key.utf8) {
                throw failure("key \"\(key)\" is out of order or repeated")
            }
            previousKey = key
            try expect(UInt8(ascii: ":"))
            members.append(Member(key: key, value: try value()))
            guard index < bytes.count else { throw failure("unexpected end") }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            try expect(UInt8(ascii: ","))
        }
    }

    private mutating func array() throws(Failure) -> Value {
        try nest()
        defer { depth -= 1 }
        index += 1
        var items: [Value] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            items.append(try value())
            guard index < bytes.count else { throw failure("unexpected end") }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            try expect(UInt8(ascii: ","))
        }
    }

    private mutating func string() throws(Failure) -> String {
        index += 1
        let start = index
        var plain = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                break
            } else if byte == UInt8(ascii: "\\") {
                plain = false
                index += 2
            } else if byte < 0x20 {
                throw failure("unescaped control character")
            } else {
                index += 1
            }
        }
        guard index < bytes.count else { throw failure("unterminated string") }
        let end = index
        index += 1
        guard plain else { return try unescape(start..<end) }
        guard let text = Self.validString(bytes[start..<end]) else { throw failure("invalid UTF-8") }
        return text
    }

    /// The text of `utf8`, or nil if it is not valid UTF-8. (Decoding repairs invalid bytes, so
    /// a repaired result differs from its input.)
    private static func validString(_ utf8: ArraySlice<UInt8>) -> String? {
        utf8.withUnsafeBufferPointer { buffer in
            let text = String(decoding: buffer, as: UTF8.self)
            if buffer.allSatisfy({ $0 < 0x80 }) { return text }
            var copy = text
            let same = copy.withUTF8 { decoded in
                decoded.count == buffer.count && (buffer.isEmpty || memcmp(decoded.baseAddress!, buffer.baseAddress!, buffer.count) == 0)
            }
            return same ? text : nil
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
                      let high = Self.hex(bytes[i + 4]), let low = Self.hex(bytes[i + 5])
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

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    private mutating func integer() throws(Failure) -> Int64 {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digits = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        guard index > digits else { throw failure("expected a value") }
        if bytes[digits] == UInt8(ascii: "0"), index - digits > 1 || digits > start {
            throw failure("a number with a leading zero or a negative zero")
        }
        guard let value = Int64(String(decoding: bytes[start..<index], as: UTF8.self)) else { throw failure("integer out of range") }
        return value
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count,
              bytes[index..<index + length].elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: length))
        else { throw failure("unknown literal") }
        index += length
    }

    private mutating func expect(_ byte: UInt8) throws(Failure) {
        guard index < bytes.count, bytes[index] == byte else { throw failure("expected '\(Character(Unicode.Scalar(byte)))'") }
        index += 1
    }
}
