import AssayCore
import CFuzzer
import Coordinators
import Foundation
import GuidanceGroups
import IntegrityRecords
import RegistrationAudit

let rules = try! BuiltInRules.rules()

/// The directory's five files from one input, separated by lines of `---`.
func directoryFiles(_ text: String) -> Directory.Files {
    var parts = text.components(separatedBy: "\n---\n")
    while parts.count < 5 { parts.append("") }
    return Directory.Files(regions: parts[0], institutions: parts[1], experts: parts[2], groups: parts[3], conflicts: parts[4])
}

/// One input: its first byte picks an import — a registration batch, integrity records, a
/// directory, a draw pool, field-form submissions (CSV or JSON) — the rest is the file. Each
/// reader must take it or refuse it in words, without crashing; what it takes must hold.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImport(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard count > 0, let data else { return 0 }
    let bytes = Data(UnsafeBufferPointer(start: data + 1, count: count - 1))
    let text = String(decoding: bytes, as: UTF8.self)
    switch data[0] % 5 {
    case 0:
        guard let batch = try? BatchAudit(text, rules: rules) else { return 0 }
        precondition(batch.rows.allSatisfy { $0.registration != nil || !$0.problems.isEmpty }, "a row neither read nor refused in words")
    case 1:
        guard let read = try? IntegrityCSV(text), let rows = CSVTable.rows(text) else { return 0 }
        precondition(read.records.count + read.problems.count == rows.count - 1, "an integrity row neither taken nor refused, or both")
    case 2:
        let (directory, problems) = Directory.read(directoryFiles(text))
        precondition(directory == nil || problems.isEmpty, "a directory both read and refused")
    case 3:
        _ = try? DrawPool(directoryFiles(text), hash: "fuzz")
    default:
        _ = try? Submissions(bytes, file: "fuzz.csv")
    }
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzImport))
