import AssayCore
import CFuzzer
import Foundation

/// One input: a flow file. It must load or be refused with a located error, validate without
/// crashing, and a loaded definition must survive its canonical round trip with the same hash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFlow(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard let loaded = try? DefinitionLoader().load(bytes, file: "fuzz.yaml") else { return 0 }
    _ = Validator().validate(loaded)
    let canonical = StoredDefinition.encode(loaded.definition)
    guard let again = try? StoredDefinition.decode(canonical, expecting: loaded.hash) else {
        fatalError("a loaded definition does not survive its canonical round trip")
    }
    precondition(again == loaded.definition, "the round trip changed the definition")
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzFlow))
