import AssayCore
import CFuzzer
import Foundation

/// One input: a flow file. It must load or be refused with a located error, and reporting every
/// error must agree (no error exactly when it loads; a definition read past its errors still
/// validates without crashing); a loaded definition must validate without crashing and survive
/// its canonical round trip with the same hash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFlow(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let loader = DefinitionLoader()
    let (reported, errors) = loader.loadReportingAll(bytes, file: "fuzz.yaml")
    guard let loaded = try? loader.load(bytes, file: "fuzz.yaml") else {
        precondition(!errors.isEmpty, "a file that does not load was reported without errors")
        if let reported { _ = Validator().validate(reported) }
        return 0
    }
    precondition(errors.isEmpty && reported?.definition == loaded.definition, "reporting every error disagrees with loading")
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
