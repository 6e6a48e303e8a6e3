import Foundation

/// Writes a command's `--output` file whole or not at all: into a temporary file beside the
/// target, synced, then renamed over it. A target that exists but is not a regular file (a
/// device, a folder) is refused, never replaced, and a full disk is said in words.
public enum OutputFile {
    /// Writes `bytes` to `path`, replacing a regular file there.
    public static func write(_ bytes: [UInt8], to path: String) throws(OutputFileError) {
        var status = stat()
        if lstat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            throw .notARegularFile(path)
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotCreate(folder: folder, reason: Self.reason(errno)) }
        var written = 0
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += count
            }
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        guard failure != 0 else { return }
        unlink(temporary)
        throw failure == ENOSPC || failure == EDQUOT ? .diskFull(path) : .notWritten(path, reason: Self.reason(failure))
    }

    private static func reason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}

/// Why an output file was not written; nothing was left behind.
public enum OutputFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case notARegularFile(String)
    case cannotCreate(folder: String, reason: String)
    case diskFull(String)
    case notWritten(String, reason: String)

    public var description: String {
        switch self {
        case .notARegularFile(let path):
            "\(path) is not a regular file; --output names a file to write, and nothing was written"
        case .cannotCreate(let folder, let reason):
            "cannot create a file in \(folder) (\(reason)); check that the folder exists and can be written"
        case .diskFull(let path):
            "the disk is full: \(path) was not written, and nothing was left behind"
        case .notWritten(let path, let reason):
            "\(path) could not be written (\(reason)), and nothing was left behind"
        }
    }
}
