import ArgumentParser
import AssayCore
import AssayHistory
import AssayStore
import AssayWitness
import PluginCommandLine

/// A command that ran but could not do what was asked, for a reason in the data or the
/// environment rather than in the command line: printed as one sentence, without usage.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var exitCode: ExitCode

    /// Input that is wrong (exit 1).
    static func wrong(_ message: String) -> CommandFailure { CommandFailure(message: message, exitCode: .failure) }

    /// Input that cannot be used as given: unreadable, unreachable, or the wrong store for the
    /// command (exit 2).
    static func unreadable(_ message: String) -> CommandFailure { CommandFailure(message: message, exitCode: .usage) }

    var description: String { message }
}

extension CommandFailure {
    /// The sentence and exit code for an error a command let through; nil for ArgumentParser's
    /// own errors and exit codes, which it reports (with usage, for a usage error).
    init?(_ error: any Error) {
        switch error {
        case let failure as CommandFailure:
            self = failure
        case let error as StoreError:
            switch error {
            case .unknownLocation, .missing, .unreachable: self = .unreadable(error.description)
            default: self = .wrong(error.description)
            }
        case let error as AuditError:
            switch error {
            case .keyFile, .trustedKeys, .noTrustedKey, .witnessKeys: self = .unreadable(error.description)
            default: self = .wrong(error.description)
            }
        case let error as RecordError:
            self = .wrong(error.description)
        case let error as WitnessError:
            self = .wrong(error.description)
        case let error as OutputFileError:
            if case .cannotCreate = error { self = .unreadable(error.description) } else { self = .wrong(error.description) }
        case let error as PluginUsageError:
            self = .unreadable(error.message)
        case let error as TransitionError:
            self = .wrong(error.description)
        case let error as DecodingError:
            self = .wrong(error.plainDescription)
        case is ExitCode, is ValidationError, is CleanExit:
            return nil
        default:
            // ArgumentParser's own errors (help requested, say) have exit codes of their own.
            guard Assay.exitCode(for: error) == .failure else { return nil }
            self = .wrong(String(describing: error))
        }
    }
}
