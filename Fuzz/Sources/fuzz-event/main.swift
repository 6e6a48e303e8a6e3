import AssayCore
import CFuzzer
import Foundation

/// One input: the bytes of a stored event. They must be refused, or be exactly the canonical
/// form of the event read from them.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEvent(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard let event = try? Event(canonical: bytes) else { return 0 }
    precondition(event.canonicalBytes == bytes, "an accepted event is not in its canonical form")
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzEvent))
