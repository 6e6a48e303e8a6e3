import AssayHistory
import CFuzzer
import Foundation

/// One input: a file handed to `assay import`. It must be read or refused with a located error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExport(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    _ = try? LogExport.read(Data(UnsafeBufferPointer(start: data, count: count)))
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzExport))
