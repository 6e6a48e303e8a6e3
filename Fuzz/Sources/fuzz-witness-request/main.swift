import AssayHistory
import CFuzzer
import Foundation

/// One input: a body POSTed to a witness's add-checkpoint. It must be read or refused, and a
/// request read must give its own text back, and its note be read or refused.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWitnessRequest(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    guard let request = try? AddCheckpointRequest(text) else { return 0 }
    guard (try? AddCheckpointRequest(request.text)) == request else { fatalError("a request read back differs: \(request)") }
    if let note = try? SignedNote(request.note) {
        _ = try? note.checkpointBody()
    }
    _ = try? SignedNote.signatures(in: text[...])
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzWitnessRequest))
