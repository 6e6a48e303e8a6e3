/// Reads a mapping's fields one by one. While a `YAMLDecoder` reports every error
/// (`decodeReportingAll`), a field that fails is recorded, stands in with a placeholder and the
/// next field is read, so one file's mistakes are reported together; `finish()` then stops the
/// half-read value from being used. Otherwise the first error is thrown as it is.
public struct FieldDecoder<Key: CodingKey> {
    public let container: KeyedDecodingContainer<Key>
    private let recorder: (any YAMLErrorRecording)?
    private var failed = false

    public init(_ decoder: any Decoder, keyedBy type: Key.Type) throws {
        container = try decoder.container(keyedBy: type)
        recorder = decoder.userInfo[YAMLDecoder.errorRecorder] as? any YAMLErrorRecording
    }

    /// The value under `key`; `placeholder` when it fails and errors are being recorded.
    public mutating func decode<T: Decodable>(_ key: Key, or placeholder: @autoclosure () -> T) throws -> T {
        do {
            return try container.decode(T.self, forKey: key)
        } catch {
            return try recover(error, placeholder())
        }
    }

    /// The value under `key` if it is there; nil when it fails and errors are being recorded.
    public mutating func decodeIfPresent<T: Decodable>(_ key: Key) throws -> T? {
        do {
            return try container.decodeIfPresent(T.self, forKey: key)
        } catch {
            return try recover(error, nil)
        }
    }

    private mutating func recover<T>(_ error: any Error, _ placeholder: T) throws -> T {
        guard let recorder else { throw error }
        recorder.record(error)
        failed = true
        return placeholder
    }

    /// Throws `RecordedError` if any field failed.
    public func finish() throws {
        if failed { throw RecordedError() }
    }
}

/// A value could not be decoded because of errors already recorded with a `YAMLErrorRecording`.
public struct RecordedError: Error {
    public init() {}
}
